-- The `POST /cart/add` request of scripts/load-bench.sh: one valid form,
-- sent again and again with the same session cookie, so the cart never
-- grows past its limits. Both come from the environment.
wrk.method = "POST"
wrk.body = os.getenv("BENCH_POST_BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = os.getenv("BENCH_POST_COOKIE")
