"""Factory data: acquisition, time series, anomaly detection, data-use shares."""
