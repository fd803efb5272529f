"""Factory data: MQTT acquisition, time series and rollups, data quality, anomaly alarms, data-use shares."""
