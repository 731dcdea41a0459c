/**
 * The Lua script of the Redis event log: it runs whole or not at all, so the seq stays one
 * global, gap-free order across nodes and a command's events never land without its record.
 */

/**
 * Events, and a command's record, in one script. Each event takes the next seq (stream ID
 * "<seq>-0": XRANGE by seq needs no index); the record — its answer with "__SEQ__" standing for
 * the last event's seq — is kept under the command's key for the idempotency window.
 *
 * Fenced appends (a leased job's: the simulator's) carry the lease's key and their holder: the
 * script refuses them unless that holder has the lease now. A node paused past its lease (GC,
 * SIGSTOP, a partition) wakes believing it still holds it; its appends are refused until it
 * learns otherwise, so two nodes never run the job into the log at once. Fenced entries say who
 * wrote them (`by`).
 *
 * A decided append (a command's) carries the scenario's decision version it was decided at: the
 * script refuses it when the version moved since (another node appended a change), so two nodes
 * deciding on the same state — the same free team — cannot both commit. Every append that holds
 * a decision-relevant event moves the version to that event's seq.
 *
 * KEYS: seq, stream, command key, lease key ('' for none), the scenario's version key. ARGV: the
 * stream's length, the answer ('' for none), its time to live (s), the holder ('' for none), the
 * expected version ('' for none), the position (1-based) of the batch's last decision-relevant
 * event (0 for none), then the events.
 */
export const APPEND_ALL = `if KEYS[4] ~= '' and redis.call('GET', KEYS[4]) ~= ARGV[4] then
  return redis.error_reply('FENCED the lease ' .. KEYS[4] .. ' is not held by ' .. ARGV[4])
end
if ARGV[5] ~= '' then
  local now = redis.call('GET', KEYS[5]) or '0'
  if now ~= ARGV[5] then
    return redis.error_reply('CONFLICT ' .. now)
  end
end
local last = 0
local seqs = {}
for i = 7, #ARGV do
  last = redis.call('INCR', KEYS[1])
  if ARGV[4] ~= '' then
    redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[1], last .. '-0', 'e', ARGV[i], 'by', ARGV[4])
  else
    redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[1], last .. '-0', 'e', ARGV[i])
  end
  seqs[#seqs + 1] = last
end
if ARGV[6] ~= '0' then
  redis.call('SET', KEYS[5], tostring(seqs[tonumber(ARGV[6])]))
end
if ARGV[2] ~= '' then
  redis.call('SET', KEYS[3], (string.gsub(ARGV[2], '"__SEQ__"', tostring(last))), 'EX', ARGV[3])
end
return seqs`;
