-- POST the JSON body in $BODY (measure.sh).
wrk.method = "POST"
wrk.body = os.getenv("BODY")
wrk.headers["content-type"] = "application/json"
wrk.headers["x-api-key"] = "bench"
wrk.headers["authorization"] = "Bearer bench"
