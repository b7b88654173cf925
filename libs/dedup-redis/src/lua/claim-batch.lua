-- The atomic check-and-claim of a whole batch (see claim-batch.ts for the keys, the arguments and the reply).
-- Runs after fingerprints.lua (sketchOf, leadOf). The functions mirror @news/dedup and keep its names:
-- compareSketches and compareSets (sketch-similarity.ts), decideVerdict, nearSimilarity and urlRecordAfter
-- (verdict-policy.ts); the rest is how this store looks things up and writes them.

local prefix = ARGV[1]
local windowMs = tonumber(ARGV[2])
local policy = {
  nearContainment = tonumber(ARGV[3]),
  minSamples = tonumber(ARGV[4]),
  leadContainment = tonumber(ARGV[5]),
  minLeadShingles = tonumber(ARGV[6]),
}
local nowMs = tonumber(ARGV[7])
local bucketMs = tonumber(ARGV[8])
local FIRST_CLAIM_ARG = 9
local ARGS_PER_CLAIM = 6

-- The last value of a sketch that holds every shingle of its text (text-fingerprint.ts).
local COMPLETE_SKETCH = 4294967295

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

-- Returns shared and smaller; the containment is shared / smaller.
local function compareSketches(a, b)
  local lengthA, lengthB = #a, #b
  if lengthA == 0 or lengthB == 0 then return 0, 0 end
  local limit = math.min(a[lengthA], b[lengthB])
  local endA = lengthA
  if a[lengthA] == COMPLETE_SKETCH then endA = lengthA - 1 end
  local endB = lengthB
  if b[lengthB] == COMPLETE_SKETCH then endB = lengthB - 1 end
  local i, j, sampledA, sampledB, shared = 1, 1, 0, 0, 0
  while i <= endA and a[i] <= limit and j <= endB and b[j] <= limit do
    if a[i] == b[j] then
      shared = shared + 1; i = i + 1; j = j + 1; sampledA = sampledA + 1; sampledB = sampledB + 1
    elseif a[i] < b[j] then
      i = i + 1; sampledA = sampledA + 1
    else
      j = j + 1; sampledB = sampledB + 1
    end
  end
  while i <= endA and a[i] <= limit do i = i + 1; sampledA = sampledA + 1 end
  while j <= endB and b[j] <= limit do j = j + 1; sampledB = sampledB + 1 end
  return shared, math.min(sampledA, sampledB)
end

-- Fingerprints of a claim or a candidate ({ bytes = packed }), unpacked once and only when a comparison needs them.
local function sketchFor(prints)
  if not prints.sketch then prints.sketch = sketchOf(prints.bytes) end
  return prints.sketch
end

local function leadFor(prints)
  if not prints.lead then prints.lead = leadOf(prints.bytes) end
  return prints.lead
end

-- The URL record "exact|revision|copyOf|match|similarity" (copyOf empty when the URL published its content).
local function parseUrlRecord(raw)
  if not raw then return nil end
  local exact, revision, copyOf, match, similarity = string.match(raw, '^([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)$')
  local record = { exact = exact, revision = tonumber(revision) }
  if copyOf ~= '' then record.copyOf = { articleId = copyOf, match = match, similarity = tonumber(similarity) } end
  return record
end

local function formatUrlRecord(record)
  if record.copyOf then
    local copyOf = record.copyOf
    return record.exact .. '|' .. record.revision .. '|' .. copyOf.articleId .. '|' .. copyOf.match .. '|' .. copyOf.similarity
  end
  return record.exact .. '|' .. record.revision .. '|||'
end

local function duplicate(duplicateOf, match, similarity, sameUrl)
  return { status = 'duplicate', duplicateOf = duplicateOf, match = match, similarity = similarity, sameUrl = sameUrl }
end

-- Candidates met earlier in this batch, by article id: false when not published, else { bytes = fingerprints }
-- (plus the sketch and lead once unpacked). Copies of one story arrive in bursts, so a batch meets the same
-- originals again and again. Only this script writes the keys while it runs, and it drops an entry when it
-- publishes that article anew.
local known = {}

local function candidateNamed(articleId)
  local entry = known[articleId]
  if entry == nil then
    local found = redis.call('MGET', prefix .. 'url:' .. articleId, prefix .. 'f:' .. articleId)
    local record = parseUrlRecord(found[1])
    entry = record and record.revision > 0 and found[2] and { bytes = found[2] } or false
    known[articleId] = entry
  end
  return entry
end

-- Published articles filed under the claim's probe keys, each once, in probe order, not the claim's own.
local function candidatesOf(claim)
  local owners = {}
  if #claim.probes > 0 then owners = redis.call('MGET', unpack(claim.probes)) end
  local candidates, seen = {}, {}
  for _, owner in ipairs(owners) do
    if owner and owner ~= claim.articleId and not seen[owner] then
      seen[owner] = true
      local entry = candidateNamed(owner)
      if entry then
        entry.articleId = owner
        candidates[#candidates + 1] = entry
      end
    end
  end
  return candidates
end

-- Containment of the shorter body in the other when the samples can decide it; for a body too short for that,
-- the containment of the shorter lead in the other, with a stricter bar. nil when not a near copy.
local function nearSimilarity(claim, candidate)
  local shared, smaller = compareSketches(sketchFor(claim), sketchFor(candidate))
  if smaller >= policy.minSamples then
    if shared / smaller >= policy.nearContainment then return shared / smaller end
    return nil
  end
  local leadShared, leadSmaller = compareSets(leadFor(claim), leadFor(candidate))
  if leadSmaller >= policy.minLeadShingles and leadShared / leadSmaller >= policy.leadContainment then
    return leadShared / leadSmaller
  end
  return nil
end

-- URL first (re-scrape or update), then the same body elsewhere, then a near copy, else a new story.
-- lookup: the URL record and the exact content's first owner; candidates are looked up only when needed.
local function decideVerdict(claim, lookup)
  local url = lookup.url
  if url and url.exact == claim.exact then
    if url.copyOf then return duplicate(url.copyOf.articleId, url.copyOf.match, url.copyOf.similarity, true) end
    return duplicate(claim.articleId, 'exact', 1, true)
  end
  if url and url.revision > 0 then
    -- Content seen under an earlier revision of this URL (a stale cache served again) is a re-scrape.
    if lookup.exactOwner == claim.articleId then return duplicate(claim.articleId, 'exact', 1, true) end
    return { status = 'updated', revision = url.revision + 1 }
  end
  if lookup.exactOwner and lookup.exactOwner ~= claim.articleId then
    return duplicate(lookup.exactOwner, 'exact', 1, false)
  end
  local bestId, bestSimilarity = nil, -1
  for _, candidate in ipairs(candidatesOf(claim)) do
    local similarity = nearSimilarity(claim, candidate)
    if similarity and similarity > bestSimilarity then bestId, bestSimilarity = candidate.articleId, similarity end
  end
  if bestId then return duplicate(bestId, 'near', math.floor(bestSimilarity * 1000 + 0.5) / 1000, false) end
  return { status = 'unique', revision = 1 }
end

-- The URL record to keep after a verdict, or nil when the record stays as it was.
local function urlRecordAfter(claim, verdict, previous)
  if verdict.status ~= 'duplicate' then return { exact = claim.exact, revision = verdict.revision } end
  if verdict.sameUrl or (previous and previous.revision > 0) then return nil end
  return {
    exact = claim.exact,
    revision = 0,
    copyOf = { articleId = verdict.duplicateOf, match = verdict.match, similarity = verdict.similarity },
  }
end

-- New URLs of this batch, added to their time bucket's counter once at the end (nowMs is the batch's).
local newUrls = 0

-- Writes what a verdict changes: the URL record, and for published content its fingerprints and index keys.
local function recordVerdict(claim, verdict, previous)
  local record = urlRecordAfter(claim, verdict, previous)
  if record then
    if not previous then newUrls = newUrls + 1 end
    redis.call('SET', prefix .. 'url:' .. claim.articleId, formatUrlRecord(record), 'PX', windowMs)
  end
  if verdict.status ~= 'duplicate' then
    known[claim.articleId] = nil
    redis.call('SET', prefix .. 'f:' .. claim.articleId, claim.bytes, 'PX', windowMs)
    redis.call('SET', prefix .. 'x:' .. claim.exact, claim.articleId, 'NX', 'PX', windowMs)
    for _, key in ipairs(claim.keys) do redis.call('SET', key, claim.articleId, 'NX', 'PX', windowMs) end
  end
end

local function indexKeys(list)
  local keys = {}
  for key in string.gmatch(list, '%d+') do keys[#keys + 1] = prefix .. 'k:' .. key end
  return keys
end

local function claimAt(base)
  local claim = {
    inputRef = ARGV[base],
    articleId = ARGV[base + 1],
    exact = ARGV[base + 2],
    bytes = ARGV[base + 3],
    keys = indexKeys(ARGV[base + 4]),
  }
  -- The probes are the index keys, then the further keys sent for lookup only.
  claim.probes = { unpack(claim.keys) }
  for _, key in ipairs(indexKeys(ARGV[base + 5])) do claim.probes[#claim.probes + 1] = key end
  return claim
end

-- The verdict of one claim as JSON: the one given before for the same input (a replay), else a new one.
local function claimOne(claim)
  local inputKey = prefix .. 'in:' .. claim.inputRef
  -- One MGET for the three lookups every article needs (a missing key reads as false).
  local found = redis.call('MGET', inputKey, prefix .. 'url:' .. claim.articleId, prefix .. 'x:' .. claim.exact)
  if found[1] then return found[1] end
  local lookup = { url = parseUrlRecord(found[2]), exactOwner = found[3] or nil }
  local verdict = decideVerdict(claim, lookup)
  verdict.fingerprint = claim.exact
  recordVerdict(claim, verdict, lookup.url)
  local encoded = cjson.encode(verdict)
  redis.call('SET', inputKey, encoded, 'PX', windowMs)
  return encoded
end

local replies = {}
for base = FIRST_CLAIM_ARG, #ARGV - ARGS_PER_CLAIM + 1, ARGS_PER_CLAIM do
  replies[#replies + 1] = claimOne(claimAt(base))
end
if newUrls > 0 then
  local key = prefix .. 'n:' .. string.format('%d', math.floor(nowMs / bucketMs))
  redis.call('INCRBY', key, newUrls)
  redis.call('PEXPIRE', key, windowMs + bucketMs)
end
return '[' .. table.concat(replies, ',') .. ']'
