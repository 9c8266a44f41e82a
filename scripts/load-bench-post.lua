-- A form request of scripts/load-bench.sh (`POST /cart/add`, and Place
-- order sent again): one valid form, sent again and again with the same
-- session cookie, so nothing grows past its limits. Both come from the
-- environment.
wrk.method = "POST"
wrk.body = os.getenv("BENCH_POST_BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = os.getenv("BENCH_POST_COOKIE")
