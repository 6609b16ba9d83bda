-- wrk script: POST /api/agents with a paper agent body; the token comes from the environment.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.body = '{"symbol":"BTC/USDT","strategy_name":"rsi_signal","interval_seconds":60,' ..
           '"risk_params":{"max_position_usd":500,"stop_loss_pct":2,"take_profit_pct":4,"leverage":1}}'
