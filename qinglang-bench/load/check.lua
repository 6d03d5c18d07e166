-- wrk script: POST /api/v1/text/check with a rotating set of texts (clean, abusive, disguised).
-- Usage: KEY=qk_… wrk -t2 -c16 -d30s --latency -s check.lua http://localhost:8080
local key = os.getenv("KEY")
local texts = {
  "今天天气不错，一起去公园吧",
  "你个傻1逼，真是辣鸡",
  "这个视频讲得很清楚，谢谢up主",
  "你就是个sb，滚出去",
  "楼主说得对，我也遇到过这种情况",
  "nmsl，废物一个",
}
local i = 0
request = function()
  i = i + 1
  local body = '{"text":"' .. texts[(i % #texts) + 1] .. '","context":{"relation":"stranger","actorAgeDays":3,"scene":"comment"}}'
  return wrk.format("POST", "/api/v1/text/check",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key}, body)
end
