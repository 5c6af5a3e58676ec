"""Planning and measurement: plans, follow-up, roll-up, Excel in and out, FURAG results."""
