/**
 * Reading the fingerprints as packPrints (redis-dedup.store.ts) writes them: the sketch's length, the sketch,
 * the lead, little-endian uint32s. Apart so a test can run it alone against the packing.
 */
export const FINGERPRINTS_LUA = `
-- struct.unpack formats of n little-endian uint32s, built once per count.
local formats = {}
local function uint32s(bytes, count, at)
  if count == 0 then return {} end
  local format = formats[count]
  if not format then format = string.rep('<I4', count); formats[count] = format end
  local values = { struct.unpack(format, bytes, at) }
  values[count + 1] = nil -- struct.unpack also returns the next position
  return values
end

-- The sketch of fingerprints as stored: an array of numbers. The lead, after it, is read only when needed.
local function sketchOf(bytes)
  return uint32s(bytes, struct.unpack('<I4', bytes), 5)
end

local function leadOf(bytes)
  local sketchLength = struct.unpack('<I4', bytes)
  return uint32s(bytes, #bytes / 4 - 1 - sketchLength, 5 + 4 * sketchLength)
end
`;

/**
 * The atomic check-and-claim of a whole batch, run by Redis in one EVALSHA. Redis runs a script without
 * interleaving other commands, so each article's lookup and claim are atomic and a later article of the batch
 * sees the earlier ones: two replicas racing on two copies of a story get one unique and one duplicate.
 *
 * It mirrors `decideVerdict`/`urlRecordAfter` and `compareSketches` of @news/dedup; the integration tests run
 * the same streams through both stores and compare the verdicts.
 *
 * Keys (all expire with the window, PX):
 *   in:<inputRef>   the verdict given, as JSON (replay safety)
 *   url:<articleId> the URL record "exact|revision|copyOf|match|similarity" (copyOf empty when published)
 *   f:<articleId>   the fingerprints of the published content, little-endian uint32s (compact, unpacked in C):
 *                   the sketch's length, the sketch, then the lead's shingle hashes. (Named apart from the
 *                   bare sketches earlier versions kept under s:, which this layout would misread.)
 *   x:<exact>, k:<indexKey>  the first published articleId (SET NX)
 *   n:<bucket>      a counter of new URLs per time bucket, for size()
 * Key names are built here from the prefix: the script suits a single Redis (or a cluster when the prefix
 * carries one hash tag), not keys spread over shards.
 *
 * ARGV: prefix, windowMs, nearContainment, minSamples, leadContainment, minLeadShingles, nowMs, bucketMs,
 *       then 6 per claim: inputRef, articleId, exact, fingerprints (binary, as in f:), index keys to file, and
 *       the further keys to look up besides those (decimal, space-separated)
 * Plain strings rather than one JSON document: parsing ~1 KB of JSON per article was most of the script's time.
 * Returns the verdicts as one JSON array.
 */
export const CLAIM_BATCH_LUA = `
local P = ARGV[1]
local W = tonumber(ARGV[2])
local NEAR = tonumber(ARGV[3])
local MIN_SAMPLES = tonumber(ARGV[4])
local LEAD_NEAR = tonumber(ARGV[5])
local MIN_LEAD = tonumber(ARGV[6])
local NOW = tonumber(ARGV[7])
local BUCKET_MS = tonumber(ARGV[8])
local SENTINEL = 4294967295

${FINGERPRINTS_LUA}
local function compareSets(a, b)
  local i, j, shared = 1, 1, 0
  while i <= #a and j <= #b do
    if a[i] == b[j] then
      shared = shared + 1; i = i + 1; j = j + 1
    elseif a[i] < b[j] then
      i = i + 1
    else
      j = j + 1
    end
  end
  return shared, math.min(#a, #b)
end

local function compare(a, b)
  local la, lb = #a, #b
  if la == 0 or lb == 0 then return 0, 0 end
  local limit = math.min(a[la], b[lb])
  local endA = la
  if a[la] == SENTINEL then endA = la - 1 end
  local endB = lb
  if b[lb] == SENTINEL then endB = lb - 1 end
  local i, j, na, nb, shared = 1, 1, 0, 0, 0
  while i <= endA and a[i] <= limit and j <= endB and b[j] <= limit do
    if a[i] == b[j] then
      shared = shared + 1; i = i + 1; j = j + 1; na = na + 1; nb = nb + 1
    elseif a[i] < b[j] then
      i = i + 1; na = na + 1
    else
      j = j + 1; nb = nb + 1
    end
  end
  while i <= endA and a[i] <= limit do i = i + 1; na = na + 1 end
  while j <= endB and b[j] <= limit do j = j + 1; nb = nb + 1 end
  return shared, math.min(na, nb)
end

local function parseUrl(raw)
  if not raw then return nil end
  local x, r, a, m, s = string.match(raw, '^([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)$')
  local url = { x = x, r = tonumber(r) }
  if a ~= '' then url.c = { a = a, m = m, s = tonumber(s) } end
  return url
end

-- New URLs of this batch, added to their time bucket's counter once at the end (NOW is the batch's).
local newUrls = 0
local function countNewUrl()
  newUrls = newUrls + 1
end

local function duplicate(of, match, similarity, sameUrl)
  return { status = 'duplicate', duplicateOf = of, match = match, similarity = similarity, sameUrl = sameUrl }
end

local out = {}
local n = 0
-- Candidates met earlier in this batch, by article id: false when not published, else their fingerprints (and
-- the sketch and lead once unpacked). Copies of one story arrive in bursts, so a batch meets the same originals again and
-- again. Only this script writes the keys while it runs, and it drops an entry when it publishes that article anew.
local known = {}
for base = 9, #ARGV - 5, 6 do
  local inputRef, articleId, exact, sketchBytes, keyList, probeList = ARGV[base], ARGV[base + 1], ARGV[base + 2], ARGV[base + 3], ARGV[base + 4], ARGV[base + 5]
  n = n + 1
  local inputKey = P .. 'in:' .. inputRef
  -- One MGET for the three lookups every article needs (a missing key reads as false).
  local found = redis.call('MGET', inputKey, P .. 'url:' .. articleId, P .. 'x:' .. exact)
  if found[1] then
    out[n] = found[1]
  else
    local keys = {}
    for key in string.gmatch(keyList, '%d+') do keys[#keys + 1] = P .. 'k:' .. key end
    local url = parseUrl(found[2])
    local exactOwner = found[3] or nil
    local v
    if url and url.x == exact then
      if url.c then v = duplicate(url.c.a, url.c.m, url.c.s, true) else v = duplicate(articleId, 'exact', 1, true) end
    elseif url and url.r > 0 then
      if exactOwner == articleId then v = duplicate(articleId, 'exact', 1, true) else v = { status = 'updated', revision = url.r + 1 } end
    elseif exactOwner and exactOwner ~= articleId then
      v = duplicate(exactOwner, 'exact', 1, false)
    else
      local bestId, bestSim = nil, -1
      local seen = {}
      local sketch, lead = nil, nil
      local probes = { unpack(keys) }
      for key in string.gmatch(probeList, '%d+') do probes[#probes + 1] = P .. 'k:' .. key end
      local owners = {}
      if #probes > 0 then owners = redis.call('MGET', unpack(probes)) end
      for _, owner in ipairs(owners) do
        if owner and owner ~= articleId and not seen[owner] then
          seen[owner] = true
          local entry = known[owner]
          if entry == nil then
            local pair = redis.call('MGET', P .. 'url:' .. owner, P .. 'f:' .. owner)
            local rec = parseUrl(pair[1])
            entry = rec and rec.r > 0 and pair[2] and { bytes = pair[2] } or false
            known[owner] = entry
          end
          if entry then
            local other = entry.bytes
            if not sketch then sketch = sketchOf(sketchBytes) end
            if not entry.sketch then entry.sketch = sketchOf(other) end
            local otherSketch = entry.sketch
            local sim = nil
            local shared, smaller = compare(sketch, otherSketch)
            if smaller >= MIN_SAMPLES then
              if shared / smaller >= NEAR then sim = shared / smaller end
            else
              -- Too short for the samples to decide: compare the leads in full, with a stricter bar.
              if not lead then lead = leadOf(sketchBytes) end
              if not entry.lead then entry.lead = leadOf(other) end
              local leadShared, leadSmaller = compareSets(lead, entry.lead)
              if leadSmaller >= MIN_LEAD and leadShared / leadSmaller >= LEAD_NEAR then sim = leadShared / leadSmaller end
            end
            if sim and sim > bestSim then bestId, bestSim = owner, sim end
          end
        end
      end
      if bestId then
        v = duplicate(bestId, 'near', math.floor(bestSim * 1000 + 0.5) / 1000, false)
      else
        v = { status = 'unique', revision = 1 }
      end
    end
    v.fingerprint = exact

    if v.status ~= 'duplicate' then
      known[articleId] = nil
      if not url then countNewUrl() end
      redis.call('SET', P .. 'url:' .. articleId, exact .. '|' .. v.revision .. '|||', 'PX', W)
      redis.call('SET', P .. 'f:' .. articleId, sketchBytes, 'PX', W)
      redis.call('SET', P .. 'x:' .. exact, articleId, 'NX', 'PX', W)
      for _, key in ipairs(keys) do redis.call('SET', key, articleId, 'NX', 'PX', W) end
    elseif not v.sameUrl and not (url and url.r > 0) then
      if not url then countNewUrl() end
      redis.call('SET', P .. 'url:' .. articleId, exact .. '|0|' .. v.duplicateOf .. '|' .. v.match .. '|' .. v.similarity, 'PX', W)
    end
    local encoded = cjson.encode(v)
    redis.call('SET', inputKey, encoded, 'PX', W)
    out[n] = encoded
  end
end
if newUrls > 0 then
  local key = P .. 'n:' .. string.format('%d', math.floor(NOW / BUCKET_MS))
  redis.call('INCRBY', key, newUrls)
  redis.call('PEXPIRE', key, W + BUCKET_MS)
end
return '[' .. table.concat(out, ',') .. ']'
`;
