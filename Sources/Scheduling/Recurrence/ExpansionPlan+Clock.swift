extension ExpansionPlan {
    /// The clock generator for HOURLY and MINUTELY: one period is one hour or minute of the wall clock, INTERVAL
    /// apart from DTSTART's. A period whose day fails the day limits jumps to the first period of the next day, and
    /// one whose hour fails BYHOUR to the first period of the next hour, so sparse rules cost per day, not per minute.
    func fillClock(period index: Int, into instances: inout [Int64]) -> Int? {
        let wall = startUnit + Int64(index) * step
        let secondsPerDay = CivilCalendar.secondsPerDay
        let day = Int(CivilCalendar.floorDivide(Int(wall), Int(secondsPerDay)))
        let dayStart = Int64(day) * secondsPerDay
        guard dayAllowed(day) else { return firstPeriod(atOrAfter: dayStart + secondsPerDay) }
        let secondOfDay = wall - dayStart
        let hour = Int(secondOfDay / 3600)
        if hourMask != 0, hourMask & (1 << UInt32(hour)) == 0 {
            return firstPeriod(atOrAfter: dayStart + Int64(hour + 1) * 3600)
        }
        if minuteMask != 0, minuteMask & (1 << UInt64(secondOfDay / 60 % 60)) == 0 { return index + 1 }
        for offset in offsets { instances.append(wall + Int64(offset)) }
        return index + 1
    }

    /// The first HOURLY or MINUTELY period starting at or after wall-clock second `wall`.
    private func firstPeriod(atOrAfter wall: Int64) -> Int {
        let distance = wall - startUnit
        return Int((distance + step - 1) / step)
    }
}
