-- wrk script for bench/checkin_bench.py: each thread sends its share of QR check-ins, every
-- one from a new visitor (own browser and address) except every 21st, which scans again as
-- the visitor of 20 requests before (a retry, often still in flight on another connection).
-- A thread stops when its share is answered (it writes <done-dir>/done-<id> for the bench,
-- which then ends wrk with SIGINT) and keeps the times of its first request and its last
-- answer: wrk's own duration runs to the end of -d.
-- Arguments: quota-per-thread done-dir code1 code2 …

local ffi = require("ffi")
pcall(ffi.cdef, "typedef struct { long tv_sec; long tv_usec; } kr_timeval;"
  .. " int gettimeofday(kr_timeval *tv, void *tz);")

local function now()
  local tv = ffi.new("kr_timeval")
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) + tonumber(tv.tv_usec) / 1e6
end

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  quota = tonumber(args[1])
  done_dir = args[2]
  codes = {}
  for i = 3, #args do codes[#codes + 1] = args[i] end
  sent, new, retries, answered, wrong, first, last = 0, 0, 0, 0, 0, 0, 0
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
  if sent >= quota then  -- in flight while the last answers come: never counted
    return wrk.format("GET", "/healthz")
  end
  if sent == 0 then first = now() end
  sent = sent + 1
  if sent % 21 == 0 then
    retries = retries + 1
    return visitor_request(new - 19, "GET")
  end
  new = new + 1
  return visitor_request(new, "GET")
end

function response(status, headers, body)
  if status == 200 then return end  -- /healthz, sent past the share
  answered = answered + 1
  if status ~= 303 then
    wrong = wrong + 1
    if wrong <= 5 then io.stderr:write("answer " .. status .. "\n") end
  end
  if answered == quota then
    last = now()
    local marker = io.open(done_dir .. "/done-" .. id, "w")
    marker:close()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local total_new, total_retries, total_wrong, started, ended = 0, 0, 0, math.huge, 0
  for _, thread in ipairs(threads) do
    total_new = total_new + thread:get("new")
    total_retries = total_retries + thread:get("retries")
    total_wrong = total_wrong + thread:get("wrong")
    started = math.min(started, thread:get("first"))
    ended = math.max(ended, thread:get("last"))
  end
  io.write(string.format(
    "RESULT new=%d retries=%d wrong=%d p50_us=%d p99_us=%d requests=%d seconds=%.3f errors=%d\n",
    total_new, total_retries, total_wrong, latency:percentile(50), latency:percentile(99),
    total_new + total_retries, ended - started,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout))
end
