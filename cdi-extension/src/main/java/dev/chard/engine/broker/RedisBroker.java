package dev.chard.engine.broker;

import dev.chard.engine.backend.RedisResultBackend;
import dev.chard.engine.backend.ResultBackend;
import dev.chard.engine.backend.ResultRecord;
import dev.chard.engine.config.ChardConfig;
import dev.chard.engine.config.RedisUrl;
import dev.chard.engine.errors.ClientErrors;
import dev.chard.engine.redis.Keys;
import dev.chard.engine.redis.Scripts;
import dev.chard.engine.redis.StaleConnections;
import dev.chard.engine.serialization.MessageCodec;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The broker over one Redis database, every step one Lua script (docs/architecture.md). When the result backend
 * is the same database ({@code colocated} is set), result records are written inside the same scripts.
 */
public final class RedisBroker implements Broker {

    private static final String POISON_TYPE = "dev.chard.DeadLettered";
    /** The most tasks one enqueue script call carries (a bulk chunk, or concurrent sends coalesced). */
    static final int CHUNK = 500;

    private final UnifiedJedis redis;
    private final RedisUrl url;
    private final ChardConfig config;
    private final Keys keys;
    private final MessageCodec codec;
    private final ResultBackend backend;
    private final RedisResultBackend colocated;
    private final Set<String> beating = ConcurrentHashMap.newKeySet();
    private final Map<String, SendCoalescer<Prepared>> coalescers = new ConcurrentHashMap<>();

    public RedisBroker(UnifiedJedis redis, RedisUrl url, ChardConfig config, Keys keys, MessageCodec codec,
                       ResultBackend backend, RedisResultBackend colocated) {
        this.redis = redis;
        this.url = url;
        this.config = config;
        this.keys = keys;
        this.codec = codec;
        this.backend = backend;
        this.colocated = colocated;
    }

    @Override
    public void enqueue(OutgoingTask task) {
        Prepared p = prepare(task);
        forgetElsewhere(List.of(p));
        coalescers.computeIfAbsent(task.message().queue(), this::coalescer).send(p);
    }

    @Override
    public void enqueueAll(List<OutgoingTask> tasks) {
        // every message encoded and checked before anything is sent: a message too large sends nothing
        List<Prepared> all = new ArrayList<>(tasks.size());
        for (OutgoingTask t : tasks) {
            all.add(prepare(t));
        }
        int accepted = 0;
        int from = 0;
        while (from < all.size()) {
            String queue = all.get(from).task.message().queue();
            int to = from + 1;
            while (to < all.size() && to - from < CHUNK && all.get(to).task.message().queue().equals(queue)) {
                to++;
            }
            List<Prepared> chunk = all.subList(from, to);
            try {
                forgetElsewhere(chunk);
                send(queue, chunk);
            } catch (RuntimeException e) {
                throw new EnqueueChunkException(accepted, failure(chunk.get(0), e));
            }
            accepted += chunk.size();
            from = to;
        }
    }

    /** One queue's sends, coalesced: concurrent senders share one script call (docs/architecture.md, "Atomic steps"). */
    private SendCoalescer<Prepared> coalescer(String queue) {
        return new SendCoalescer<>(batch -> send(queue, batch), this::failure, CHUNK);
    }

    /** Encodes the message and checks its size, in the caller's thread. */
    private Prepared prepare(OutgoingTask task) {
        TaskMessage message = task.message();
        String body = codec.encode(message);
        int size = body.getBytes(StandardCharsets.UTF_8).length;
        if (size > config.messageMaxSize()) {
            throw ClientErrors.messageTooLarge(message.task(), size, config.messageMaxSize());
        }
        long delay = message.eta() == null ? 0 : Duration.between(Instant.now(), message.eta()).toMillis();
        return new Prepared(task, body, delay);
    }

    /**
     * With the backend elsewhere, a re-send of a caller's own id first deletes the id's old record there (the enqueue
     * script does it with a co-located backend): the new run must not read the old outcome. First, since deleted after
     * the message is queued it could erase a fast worker's outcome. A send writes no record of its own.
     */
    private void forgetElsewhere(List<Prepared> chunk) {
        if (colocated != null || !backend.enabled()) {
            return;
        }
        List<String> resent = new ArrayList<>();
        for (Prepared p : chunk) {
            if (!p.task.freshId() && p.task.keepsResult()) {
                resent.add(p.task.message().id());
            }
        }
        if (resent.isEmpty()) {
            return;
        }
        try {
            backend.forget(resent);
        } catch (dev.chard.api.ChardException e) {
            throw ClientErrors.backendUnavailableAtResend(chunk.get(0).task.message().task(), e);
        }
    }

    /** One enqueue script call for {@code batch}, all of {@code queue}: all queued, or none. */
    private void send(String queue, List<Prepared> batch) {
        boolean[] firstTry = {true};
        StaleConnections.retryOnce(redis, () -> {
            // a second try follows a broken connection: the first may have been applied, so no id counts as fresh then
            boolean trustFresh = firstTry[0];
            firstTry[0] = false;
            List<String> keyList = new ArrayList<>(6);
            keyList.add(keys.ready(queue));
            keyList.add(keys.delayed(queue));
            keyList.add(keys.wake(queue));
            keyList.add(keys.messages(queue));
            keyList.add(keys.deliveries(queue));
            keyList.add(keys.queues());
            List<String> args = new ArrayList<>(1 + 5 * batch.size());
            args.add(queue);
            for (Prepared p : batch) {
                TaskMessage m = p.task.message();
                args.add(m.id());
                args.add(p.body);
                args.add(Integer.toString(m.priority()));
                args.add(Long.toString(p.delayMs));
                if (trustFresh && p.task.freshId()) {
                    args.add("f");
                } else if (p.task.keepsResult() && colocated != null) {
                    args.add("r"); // a re-send: its old record, if any, goes (it reads PENDING again while queued)
                    keyList.add(colocated.key(m.id()));
                } else {
                    args.add("n");
                }
            }
            return Scripts.ENQUEUE.run(redis, keyList, args);
        });
    }

    /** What the sender of {@code p} is told when the call that carried it threw {@code cause}. */
    private RuntimeException failure(Prepared p, RuntimeException cause) {
        if (cause instanceof JedisException) {
            return ClientErrors.brokerUnavailable(p.task.message().task(), url, config.redisTimeout(), cause);
        }
        return cause;
    }

    /** A message encoded and checked. */
    private record Prepared(OutgoingTask task, String body, long delayMs) {
    }

    @Override
    public FetchResult fetch(String queue, String workerId, int max) {
        List<?> r = (List<?>) Scripts.FETCH.run(redis,
                List.of(keys.ready(queue), keys.delayed(queue), keys.dead(queue), keys.wake(queue), keys.workers(queue),
                        keys.messages(queue), keys.deliveries(queue), keys.inflight(queue, workerId)),
                List.of(workerId, Integer.toString(config.maxDeliveries()), Integer.toString(config.deadLetterMax()), queue,
                        Integer.toString(Math.max(1, max))));
        List<Delivery> taken = new ArrayList<>();
        boolean drained = false;
        long nextDue = -1;
        for (int i = 0; i < r.size(); ) {
            String tag = (String) r.get(i);
            if (tag.equals("none")) {
                drained = true;
                nextDue = (Long) r.get(i + 1);
                break;
            }
            String id = (String) r.get(i + 1);
            String body = (String) r.get(i + 2);
            long deliveries = (Long) r.get(i + 3);
            if (tag.equals("task")) {
                taken.add(new Delivery(queue, id, body, (int) deliveries));
            } else { // "dead": the script dead-lettered a poison message; record why
                recordDeadLetter(id, body, "CHARD-05002: delivered " + deliveries + " times without finishing (its workers died or were killed)");
            }
            i += 4;
        }
        return new FetchResult(taken, drained, nextDue);
    }

    @Override
    public void awaitWork(Collection<String> queues, Duration max) {
        double seconds = Math.max(0.01, max.toMillis() / 1000.0);
        redis.blpop(seconds, queues.stream().map(keys::wake).toArray(String[]::new));
    }

    @Override
    public void complete(String workerId, List<Completion> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<String> keyList = new ArrayList<>(entries.size() * 3);
        List<String> args = new ArrayList<>(entries.size() * 7);
        List<ResultRecord> elsewhere = new ArrayList<>();
        for (Completion c : entries) {
            Delivery d = c.delivery();
            ResultRecord r = c.record();
            if (r != null && colocated == null) {
                elsewhere.add(r); // the backend is another database or server: written there, before the acks
                r = null;
            }
            if (!c.ack()) {
                if (r != null) {
                    keyList.add(colocated.key(d.id()));
                    args.addAll(colocated.storeEntry(r));
                }
                continue;
            }
            keyList.add(keys.messages(d.queue()));
            keyList.add(keys.inflight(d.queue(), workerId));
            if (r != null) {
                keyList.add(colocated.key(d.id()));
                args.add("A");
                args.add(d.id());
                args.addAll(colocated.storeArgs(r));
            } else {
                args.add("a");
                args.add(d.id());
            }
        }
        if (!elsewhere.isEmpty() && backend.enabled()) {
            backend.storeAll(elsewhere);
        }
        if (!args.isEmpty()) {
            Scripts.COMPLETE.runIdempotent(redis, keyList, args);
        }
    }

    @Override
    public void retry(Delivery d, String workerId, TaskMessage next, Duration countdown, ResultRecord retryRecord) {
        List<String> keyList = new ArrayList<>(List.of(keys.messages(d.queue()), keys.inflight(d.queue(), workerId),
                keys.delayed(d.queue()), keys.wake(d.queue())));
        List<String> args = new ArrayList<>(List.of(d.id(), codec.encode(next), Long.toString(countdown.toMillis())));
        if (retryRecord != null && colocated != null) {
            keyList.add(colocated.key(d.id()));
            args.addAll(colocated.storeArgs(retryRecord));
        } else if (retryRecord != null && backend.enabled()) {
            backend.store(retryRecord);
        }
        Scripts.RETRY.runIdempotent(redis, keyList, args);
    }

    @Override
    public void deadLetter(Delivery d, String workerId, String reason) {
        Scripts.DEADLETTER.run(redis, List.of(keys.messages(d.queue()), keys.inflight(d.queue(), workerId), keys.dead(d.queue())),
                List.of(d.id(), reason, d.queue(), Integer.toString(config.deadLetterMax()), Integer.toString(config.messageMaxSize())));
        recordDeadLetter(d.id(), d.body(), reason);
    }

    /** A caller waiting on a dead-lettered id gets a FAILURE with the reason instead of waiting for ever. */
    private void recordDeadLetter(String id, String body, String reason) {
        if (!backend.enabled()) {
            return;
        }
        // the body may be what was wrong; the record can do without the task name
        backend.store(ResultRecord.failure(id, taskName(body), POISON_TYPE, reason, null, null, 0));
    }

    @Override
    public HeartbeatResult heartbeat(String queue, String workerId) {
        boolean first = beating.add(queue + "\n" + workerId);
        List<?> r = (List<?>) Scripts.HEARTBEAT.run(redis, List.of(keys.workers(queue), keys.ready(queue), keys.wake(queue),
                        keys.messages(queue), keys.deliveries(queue)),
                List.of(workerId, Long.toString(config.heartbeatTimeout().toMillis()), keys.inflightPrefix(queue), first ? "1" : "0"));
        return new HeartbeatResult(((Long) r.get(0)).intValue(), ((Long) r.get(1)).intValue(), ((Long) r.get(2)) == 1L);
    }

    @Override
    public int handBack(String queue, String workerId) {
        beating.remove(queue + "\n" + workerId);
        Object n = Scripts.HANDBACK.run(redis, handBackKeys(queue, workerId), List.of(workerId, "all"));
        return ((Long) n).intValue();
    }

    @Override
    public java.util.Set<String> inflight(String queue, String workerId) {
        return redis.hkeys(keys.inflight(queue, workerId));
    }

    @Override
    public int handBack(String queue, String workerId, Collection<String> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        List<String> args = new ArrayList<>(List.of(workerId, "some"));
        args.addAll(ids);
        Object n = Scripts.HANDBACK.run(redis, handBackKeys(queue, workerId), args);
        return ((Long) n).intValue();
    }

    private List<String> handBackKeys(String queue, String workerId) {
        return List.of(keys.workers(queue), keys.ready(queue), keys.inflight(queue, workerId), keys.wake(queue),
                keys.messages(queue), keys.deliveries(queue));
    }

    @Override
    public List<String> deadLetters(String queue, int max) {
        return redis.lrange(keys.dead(queue), 0, max - 1L);
    }

    @Override
    public List<String> requeueDeadLetters(String queue, Collection<String> ids, int max) {
        List<DeadLetter> chosen = new ArrayList<>();
        for (String entry : redis.lrange(keys.dead(queue), 0, -1)) {
            DeadLetter d = DeadLetter.parse(entry);
            if (d != null && d.id() != null && d.body() != null && !d.truncated() && (ids.isEmpty() || ids.contains(d.id())) && chosen.size() < max) {
                chosen.add(d);
            }
        }
        if (chosen.isEmpty()) {
            return List.of();
        }
        List<String> args = new ArrayList<>();
        for (DeadLetter d : chosen) {
            args.addAll(List.of(d.entry(), d.id(), d.body(), Integer.toString(d.priority())));
        }
        // the dead letter's FAILURE record goes first (deleted after, it could erase a fast worker's outcome): the id
        // then reads PENDING while queued, as at any send
        backend.forget(chosen.stream().map(DeadLetter::id).toList());
        @SuppressWarnings("unchecked")
        List<String> requeued = (List<String>) Scripts.REQUEUE.run(redis,
                List.of(keys.dead(queue), keys.ready(queue), keys.wake(queue), keys.messages(queue), keys.deliveries(queue)), args);
        return requeued;
    }

    private String taskName(String body) {
        try {
            return codec.decode(body, "").task();
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public long pending(String queue) {
        return redis.zcard(keys.ready(queue)) + redis.zcard(keys.delayed(queue));
    }

    /**
     * Chard before the sixth performance step kept each message in its own hash, {@code P:{Q}:msg:<id>}; this version
     * reads bodies from {@code P:{Q}:msgs} only, and would take such a task, find no body and skip it as acked
     * elsewhere. The oldest ready and delayed ids tell: a queue still holding old tasks has them at its head.
     */
    @Override
    public String layoutProblem(String queue) {
        // a worker of the earlier version still running: its in-flight set is a SET (now a hash), which the heartbeat's
        // reclaim could not read
        for (String worker : redis.zrange(keys.workers(queue), 0, -1)) {
            String inflight = keys.inflight(queue, worker);
            if (redis.type(inflight).equals("set")) {
                return "queue " + queue + " is consumed by a worker of an earlier Chard version (" + inflight + " is a set),"
                        + " whose in-flight tasks this version cannot reclaim; stop the workers of that version (they hand"
                        + " their tasks back), drain the queue with it, then start this one";
            }
        }
        for (String set : List.of(keys.ready(queue), keys.delayed(queue))) {
            for (String id : redis.zrange(set, 0, 0)) {
                String oldKey = keys.earlierLayoutMessage(queue, id);
                if (!redis.hexists(keys.messages(queue), id) && redis.exists(oldKey)) {
                    return "queue " + queue + " holds tasks written by an earlier Chard version (" + oldKey + ", one key per"
                            + " message), which this worker cannot read; drain the queue with the version that wrote them,"
                            + " then start this one (docs/architecture.md, \"Redis layout\")";
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        // the connection pool belongs to the Engine, which closes it
    }
}
