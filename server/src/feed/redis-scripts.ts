/**
 * The Redis feed's two scripts. Each runs atomically in Redis, so an append's seq, its place in the
 * Stream, its clientMsgId and its publication are one step that no other instance can interleave.
 *
 * Keys of a store (PREFIX is `wirelab:` unless told otherwise):
 *   PREFIX epoch                 the store's epoch, made by the first instance that needs one
 *   PREFIX room:ROOM:seq         the room's last seq (INCR: dense, 1, 2, 3, …)
 *   PREFIX room:ROOM:log         a Stream: entry id `0-SEQ`, fields ts kind user text [cid]
 *   PREFIX room:ROOM:cmid:ID     a clientMsgId's message (JSON), kept for a while (SET NX EX)
 *   channel PREFIX feed:ROOM     each appended message, published once (JSON)
 * The epoch lives beside the logs: if Redis loses them, it loses the epoch too, and the next one
 * made tells every client `reset`.
 */

/** The epoch, made from the caller's candidate when the store has none. */
const ENSURE_EPOCH = `
local epoch = redis.call('GET', KEYS[1])
if not epoch then
  epoch = ARGV[1]
  redis.call('SET', KEYS[1], epoch)
end`

/**
 * KEYS: epoch, seq, log, cmid (any key when there is none), channel.
 * ARGV: epoch candidate, retention, ts, kind, user, text, clientMsgId ('' for none), cmid ttl s.
 * Returns {epoch, message JSON, 1 if that clientMsgId was appended before (its message) else 0}.
 */
export const APPEND_SCRIPT = `${ENSURE_EPOCH}
local cid = ARGV[7]
if cid ~= '' then
  local earlier = redis.call('GET', KEYS[4])
  if earlier then return {epoch, earlier, 1} end
end
local seq = redis.call('INCR', KEYS[2])
local fields = {'ts', ARGV[3], 'kind', ARGV[4], 'user', ARGV[5], 'text', ARGV[6]}
if cid ~= '' then
  fields[#fields + 1] = 'cid'
  fields[#fields + 1] = cid
end
redis.call('XADD', KEYS[3], 'MAXLEN', ARGV[2], '0-' .. seq, unpack(fields))
local message = cjson.encode({epoch = epoch, seq = seq, ts = ARGV[3], kind = ARGV[4],
  user = ARGV[5], text = ARGV[6], cid = cid})
if cid ~= '' then redis.call('SET', KEYS[4], message, 'EX', ARGV[8]) end
redis.call('PUBLISH', KEYS[5], message)
return {epoch, message, 0}`

/**
 * KEYS: epoch, seq, log. ARGV: epoch candidate, after (a seq), count, mode.
 * mode `after`: up to count entries with seq > after (count -1: all of them, 0: none);
 * mode `last`: the last count entries, newest first.
 * Returns {epoch, head, entries retained, entries}.
 */
export const READ_SCRIPT = `${ENSURE_EPOCH}
local head = tonumber(redis.call('GET', KEYS[2]) or '0')
local retained = redis.call('XLEN', KEYS[3])
local count = tonumber(ARGV[3])
local entries = {}
if ARGV[4] == 'last' then
  entries = redis.call('XREVRANGE', KEYS[3], '+', '-', 'COUNT', count)
elseif count < 0 then
  entries = redis.call('XRANGE', KEYS[3], '(0-' .. ARGV[2], '+')
elseif count > 0 then
  entries = redis.call('XRANGE', KEYS[3], '(0-' .. ARGV[2], '+', 'COUNT', count)
end
return {epoch, head, retained, entries}`
