-- Reading the fingerprints as packPrints (redis-dedup.store.ts) writes them: the sketch's length, the sketch,
-- then the lead, little-endian uint32s. A file of its own so that a test can run it alone against the packing.

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
