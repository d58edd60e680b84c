-- pgbench script of tests/bench/run: one small committed INSERT, the cost of a durable write.
INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (1, 1, 1, 0, now());
