-- wrk script for `bench/run.sh serve`: POSTs one fixed 28×28 image as {"pixels": [784 numbers]}
-- to /v1/predict on every request. The body is read from $MLWB_SERVE_BODY (run.sh writes an
-- MNIST test image there as Python's json.dumps would: k/255 with 17 significant digits); without
-- it, a fixed vertical stroke.
wrk.method = "POST"
wrk.path = "/v1/predict"
wrk.headers["Content-Type"] = "application/json"

local path = os.getenv("MLWB_SERVE_BODY")
local file = path and io.open(path, "rb")
if file then
  wrk.body = file:read("*a")
  file:close()
else
  local pixels = {}
  for i = 0, 783 do
    local x = i % 28
    pixels[#pixels + 1] = (x >= 12 and x <= 15) and "0.9921568627450981" or "0"
  end
  wrk.body = '{"pixels": [' .. table.concat(pixels, ", ") .. ']}'
end
