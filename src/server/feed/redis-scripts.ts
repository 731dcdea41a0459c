/**
 * The Lua scripts of the Redis event log: each runs whole or not at all, so the seq stays one
 * global, gap-free order across nodes and a command's events never land without its record.
 */

/**
 * Takes the next seq and appends under it in one atomic step, so every node sees one global,
 * gap-free order. The stream ID is "<seq>-0": XRANGE by seq needs no index.
 */
export const APPEND = `local seq = redis.call('INCR', KEYS[1])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], seq .. '-0', 'e', ARGV[1])
return seq`;

/**
 * A command's events and its record in one script (Redis runs it whole or not at all): each
 * event takes the next seq; the record — its answer with "__SEQ__" standing for the last event's
 * seq — is kept under the command's key for a week. KEYS: seq, stream, command key; ARGV: the
 * stream's length, the answer ('' for none), its time to live, then the events.
 */
export const APPEND_ALL = `local last = 0
local seqs = {}
for i = 4, #ARGV do
  last = redis.call('INCR', KEYS[1])
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[1], last .. '-0', 'e', ARGV[i])
  seqs[#seqs + 1] = last
end
if ARGV[2] ~= '' then
  redis.call('SET', KEYS[3], (string.gsub(ARGV[2], '"__SEQ__"', tostring(last))), 'EX', ARGV[3])
end
return seqs`;
