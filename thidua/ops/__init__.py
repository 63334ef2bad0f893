"""The top layer: commands that wire every app together (`thidua demo`, `thidua bench`)."""
