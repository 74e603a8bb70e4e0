"""Statistical risk assessment: forecast models, the rolling-origin backtest, explanations."""
