print("uplink-probe")
