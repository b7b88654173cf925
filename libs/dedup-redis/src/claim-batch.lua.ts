/**
 * The atomic check-and-claim of a whole batch, run by Redis in one EVALSHA. Redis runs a script without
 * interleaving other commands, so each article's lookup and claim are atomic and a later article of the batch
 * sees the earlier ones: two replicas racing on two copies of a story get one unique and one duplicate.
 *
 * It mirrors `decideVerdict`/`urlRecordAfter` and `compareSketches` of @news/dedup; the integration tests run
 * the same streams through both stores and compare the verdicts.
 *
 * Keys (all expire with the window, PX): in:<inputRef> the verdict given (replay safety); url:<articleId> the
 * URL record as JSON {x, r, c?, k?}; x:<exact> and k:<indexKey> the first published articleId (SET NX);
 * n:<bucket> a counter of new URLs per time bucket, for size(). Key names are built here from the prefix,
 * so the script suits a single Redis (or a cluster with one hash tag in the prefix), not arbitrary sharding.
 *
 * ARGV: prefix, windowMs, nearContainment, minSamples, nowMs, bucketMs, claims as JSON
 *       [{i: inputRef, a: articleId, x: exact, s: sketch[], k: keys[]}]
 * Returns the verdicts as one JSON array.
 */
export const CLAIM_BATCH_LUA = `
local P = ARGV[1]
local W = tonumber(ARGV[2])
local NEAR = tonumber(ARGV[3])
local MIN_SAMPLES = tonumber(ARGV[4])
local NOW = tonumber(ARGV[5])
local BUCKET_MS = tonumber(ARGV[6])
local claims = cjson.decode(ARGV[7])
local SENTINEL = 4294967295

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

local function countNewUrl()
  local key = P .. 'n:' .. string.format('%d', math.floor(NOW / BUCKET_MS))
  redis.call('INCR', key)
  redis.call('PEXPIRE', key, W + BUCKET_MS)
end

local function duplicate(of, match, similarity, sameUrl)
  return { status = 'duplicate', duplicateOf = of, match = match, similarity = similarity, sameUrl = sameUrl }
end

local out = {}
for n, c in ipairs(claims) do
  local inputKey = P .. 'in:' .. c.i
  local replay = redis.call('GET', inputKey)
  if replay then
    out[n] = replay
  else
    local urlKey = P .. 'url:' .. c.a
    local rawUrl = redis.call('GET', urlKey)
    local url = nil
    if rawUrl then url = cjson.decode(rawUrl) end
    local exactOwner = redis.call('GET', P .. 'x:' .. c.x)
    local v
    if url and url.x == c.x then
      if url.c then v = duplicate(url.c.a, url.c.m, url.c.s, true) else v = duplicate(c.a, 'exact', 1, true) end
    elseif url and url.r > 0 then
      if exactOwner == c.a then v = duplicate(c.a, 'exact', 1, true) else v = { status = 'updated', revision = url.r + 1 } end
    elseif exactOwner and exactOwner ~= c.a then
      v = duplicate(exactOwner, 'exact', 1, false)
    else
      local bestId, bestSim = nil, -1
      local seen = {}
      for _, key in ipairs(c.k) do
        local owner = redis.call('GET', P .. 'k:' .. string.format('%d', key))
        if owner and owner ~= c.a and not seen[owner] then
          seen[owner] = true
          local raw = redis.call('GET', P .. 'url:' .. owner)
          if raw then
            local rec = cjson.decode(raw)
            if rec.r > 0 and rec.k then
              local shared, smaller = compare(c.s, rec.k)
              if smaller >= MIN_SAMPLES then
                local sim = shared / smaller
                if sim >= NEAR and sim > bestSim then bestId, bestSim = owner, sim end
              end
            end
          end
        end
      end
      if bestId then
        v = duplicate(bestId, 'near', math.floor(bestSim * 1000 + 0.5) / 1000, false)
      else
        v = { status = 'unique', revision = 1 }
      end
    end
    v.fingerprint = c.x

    if v.status ~= 'duplicate' then
      if not url then countNewUrl() end
      redis.call('SET', urlKey, cjson.encode({ x = c.x, r = v.revision, k = c.s }), 'PX', W)
      redis.call('SET', P .. 'x:' .. c.x, c.a, 'NX', 'PX', W)
      for _, key in ipairs(c.k) do redis.call('SET', P .. 'k:' .. string.format('%d', key), c.a, 'NX', 'PX', W) end
    elseif not v.sameUrl and not (url and url.r > 0) then
      if not url then countNewUrl() end
      redis.call('SET', urlKey, cjson.encode({ x = c.x, r = 0, c = { a = v.duplicateOf, m = v.match, s = v.similarity } }), 'PX', W)
    end
    local encoded = cjson.encode(v)
    redis.call('SET', inputKey, encoded, 'PX', W)
    out[n] = encoded
  end
end
return '[' .. table.concat(out, ',') .. ']'
`;
