-- wrk script: GET /api/agents (first page of 50) as the benchmark user.
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
