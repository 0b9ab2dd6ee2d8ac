extension ExpansionPlan {
    /// The clock generator for HOURLY and MINUTELY: one period is one hour or minute of the wall clock, INTERVAL
    /// apart from DTSTART's. A day that fails the day limits is skipped in one step, as is an hour that fails
    /// BYHOUR, so sparse rules cost per day, not per minute. Without BYSETPOS, which selects inside each single
    /// period, all the periods of one day are filled at once.
    func fillClock(period index: Int, into instances: inout [Int64]) -> Int? {
        let secondsPerDay = CivilCalendar.secondsPerDay
        var period = index
        var wall = startUnit + Int64(period) * step
        let day = Int(CivilCalendar.floorDivide(Int(wall), Int(secondsPerDay)))
        let dayStart = Int64(day) * secondsPerDay
        let nextDay = dayStart + secondsPerDay
        guard dayAllowed(day) else { return firstPeriod(atOrAfter: nextDay) }
        repeat {
            let secondOfDay = wall - dayStart
            let hour = Int(secondOfDay / 3600)
            if hourMask != 0, hourMask & (1 << UInt32(hour)) == 0 {
                period = firstPeriod(atOrAfter: dayStart + Int64(hour + 1) * 3600)
            } else {
                if minuteMask == 0 || minuteMask & (1 << UInt64(secondOfDay / 60 % 60)) != 0 {
                    for offset in offsets { instances.append(wall + Int64(offset)) }
                }
                period += 1
            }
            wall = startUnit + Int64(period) * step
        } while setPositions.isEmpty && wall < nextDay
        return period
    }

    /// The first HOURLY or MINUTELY period starting at or after wall-clock second `wall`.
    private func firstPeriod(atOrAfter wall: Int64) -> Int {
        let distance = wall - startUnit
        return Int((distance + step - 1) / step)
    }
}
