-- wrk script: POST /api/v1/events, NDJSON batches of BATCH (default 1000) events with ids never seen before
-- (each wrk thread has its own prefix), half of them comments with text (FLAGGED of them abusive, default all), half
-- likes.
-- Usage: KEY=qk_… BATCH=1000 wrk -t2 -c4 -d30s --latency -s events.lua http://localhost:8080
local key = os.getenv("KEY")
local batch = tonumber(os.getenv("BATCH") or "1000")
-- the share of comments whose text the Moderator flags (each becomes work for the intake); the rest are friendly
local flagged = tonumber(os.getenv("FLAGGED") or "1")
local n = 0
-- seeded from the clock: unseeded, every wrk run would draw the same prefixes and resend the ids of the last
math.randomseed(os.time())
-- a global, not a local: setup's thread:set replaces a global in the thread's own Lua state, and every thread's
-- state is seeded in the same second, so a local prefix would be the same in all threads and each batch would
-- be sent once per thread (all but the first copy answered as duplicates)
prefix = tostring(math.random(1, 1e9))
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("prefix", tostring(math.random(1, 1e9)) .. "t" .. threads)
end
request = function()
  n = n + 1
  local lines = {}
  for j = 1, batch do
    local id = prefix .. "-" .. n .. "-" .. j
    if j % 2 == 0 then
      lines[j] = '{"id":"' .. id .. '","type":"comment","ts":"2026-11-22T10:00:03+08:00","actor":"u-' .. (j % 97) ..
        '","target":{"account":"u-9","content":"p-' .. n .. '"},"text":"第' .. j ..
        ((j / 2) % 100 < flagged * 100 and '条评论，你真是个辣鸡",' or '条评论，写得真好，谢谢分享",') ..
        '"context":{"relation":"stranger","actorAgeDays":3,"ip":"203.0.113.0/24","device":"d-' .. (j % 13) .. '"}}'
    else
      lines[j] = '{"id":"' .. id .. '","type":"like","ts":"2026-11-22T10:00:03+08:00","actor":"u-' .. (j % 89) ..
        '","target":{"content":"p-' .. n .. '"}}'
    end
  end
  return wrk.format("POST", "/api/v1/events",
    {["Content-Type"] = "application/x-ndjson", ["Authorization"] = "Bearer " .. key}, table.concat(lines, "\n"))
end
done = function(summary, latency, requests)
  io.write(string.format("events/s committed (202s x %d): %.0f\n", batch,
    (summary.requests - summary.errors.status) * batch / (summary.duration / 1e6)))
end
