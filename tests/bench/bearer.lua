-- wrk script of tests/bench/run: every request carries the bench user's access token (BENCH_TOKEN).
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
