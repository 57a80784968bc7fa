-- wrk script: each request picks a random integration from KEYS_FILE ("integration app key"
-- lines) and calls one of its allowed routes with its own API key, so route matching and key
-- lookup see the whole generated config, not one hot entry.
local keys_file = os.getenv("KEYS_FILE")
local entries = {}
for line in io.lines(keys_file) do
  local _, app, key = line:match("(%S+)%s+(%S+)%s+(%S+)")
  entries[#entries + 1] = { app = app, key = key }
end
local prefix = os.getenv("PATH_PREFIX") or ""
-- ITEM_PATH: the route below the app, followed by a random id (the DLP phase uses
-- /v1/contacts/1k/ and /v1/contacts/64k/)
local item = os.getenv("ITEM_PATH") or "/v1/items/"

request = function()
  local e = entries[math.random(#entries)]
  local path = prefix .. "/" .. e.app .. item .. math.random(100000)
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. e.key })
end
