#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads names from the system's account database (passwd and group, through NSS), for peer identities.
///
/// Every lookup that fails yields `nil` or leaves the name out: an unknown uid or gid is not an error, it simply
/// earns no role.
enum UnixAccounts {
    /// The user name of `uid`, or `nil` if the account database has none.
    static func userName(uid: UInt32) -> String? {
        withLookupBuffer { buffer in
            var entry = passwd()
            var result: UnsafeMutablePointer<passwd>?
            let status = getpwuid_r(uid_t(uid), &entry, buffer.baseAddress!, buffer.count, &result)
            guard status != ERANGE else { return .retry }
            guard status == 0, result != nil, let name = entry.pw_name else { return .done(nil) }
            return .done(String(cString: name))
        }
    }

    /// The name of group `gid`, or `nil` if the account database has none.
    static func groupName(gid: UInt32) -> String? {
        withLookupBuffer { buffer in
            var entry = group()
            var result: UnsafeMutablePointer<group>?
            let status = getgrgid_r(gid_t(gid), &entry, buffer.baseAddress!, buffer.count, &result)
            guard status != ERANGE else { return .retry }
            guard status == 0, result != nil, let name = entry.gr_name else { return .done(nil) }
            return .done(String(cString: name))
        }
    }

    /// The names of `gid` and of every group `user` belongs to, without duplicates, in the database's order.
    static func groupNames(user: String?, gid: UInt32) -> [String] {
        var gids = [gid]
        if let user {
            var count: Int32 = 32
            while true {
                var buffer = [gid_t](repeating: 0, count: Int(count))
                let needed = count
                if getgrouplist(user, gid_t(gid), &buffer, &count) >= 0 {
                    gids += buffer.prefix(Int(count)).map { UInt32($0) }
                    break
                }
                count = max(count, needed * 2)
            }
        }
        var names: [String] = []
        for id in gids {
            if let name = groupName(gid: id), !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// What one attempt with a buffer produced.
    private enum Attempt {
        case done(String?)
        case retry
    }

    /// Runs a `*_r` lookup with a scratch buffer, doubling it while the lookup reports ERANGE (up to 1 MiB).
    private static func withLookupBuffer(_ body: (UnsafeMutableBufferPointer<CChar>) -> Attempt) -> String? {
        var size = 1024
        while size <= 1 << 20 {
            let attempt = withUnsafeTemporaryAllocation(of: CChar.self, capacity: size) { body($0) }
            switch attempt {
            case .done(let name): return name
            case .retry: size *= 2
            }
        }
        return nil
    }
}
