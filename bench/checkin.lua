-- wrk script for bench/checkin_bench.py: each thread sends its share of QR check-ins, every
-- one from a new visitor (own browser and address) except every 21st, which scans again as
-- the visitor of 20 requests before (a retry, often still in flight on another connection).
-- Past its share a thread sends HEAD requests (never counted) until it stops.
-- Arguments: quota-per-thread code1 code2 …

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  quota = tonumber(args[1])
  codes = {}
  for i = 2, #args do codes[#codes + 1] = args[i] end
  sent, new, retries, answered, wrong = 0, 0, 0, 0, 0
end

local function visitor_request(v, method)
  local code = codes[(v % #codes) + 1]
  local address = string.format("10.%d.%d.%d", id, math.floor(v / 250) % 250, v % 250 + 1)
  return wrk.format(method, "/c/" .. code, {
    ["User-Agent"] = "Mozilla/5.0 (Linux; Android 14; bench " .. id .. "-" .. v .. ") Mobile",
    ["Accept-Language"] = "nb-NO,nb;q=0.9,en;q=0.5",
    ["X-Forwarded-For"] = address,
  })
end

function request()
  if sent >= quota then
    return visitor_request(0, "HEAD")
  end
  sent = sent + 1
  if sent % 21 == 0 then
    retries = retries + 1
    return visitor_request(new - 19, "GET")
  end
  new = new + 1
  return visitor_request(new, "GET")
end

function response(status, headers, body)
  answered = answered + 1
  if status ~= 303 then wrong = wrong + 1 end
  if answered >= quota then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local total_new, total_retries, total_wrong = 0, 0, 0
  for _, thread in ipairs(threads) do
    total_new = total_new + thread:get("new")
    total_retries = total_retries + thread:get("retries")
    total_wrong = total_wrong + thread:get("wrong")
  end
  io.write(string.format(
    "RESULT new=%d retries=%d wrong=%d p50_us=%d p99_us=%d requests=%d seconds=%.3f errors=%d\n",
    total_new, total_retries, total_wrong, latency:percentile(50), latency:percentile(99),
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout))
end
