import CShout
import Glibc
import HostSystem
import Testing

/// The one loader of libraries opened when first needed (`CDynamic/dynamic.h`, reached here through CShout, which
/// includes it) and `OnDemandLibrary`, which copies its table: what a command says when a library or one of its
/// functions is missing comes from here.
@Suite("OnDemandLibrary: a table of functions from dlopen, or the loader's own reason")
struct OnDemandLibraryLoaderTests {
    /// Two C functions of one type, in the order they were asked for.
    typealias Pair = (first: UnsafeRawPointer, second: UnsafeRawPointer)

    /// Opens `sonames` for `names` (two of them) through the C loader, as a wrapper's `…_load` does.
    private static func open(_ sonames: [String], _ names: [String]) -> Result<Pair, OnDemandLibrary.Unavailable> {
        OnDemandLibrary.open { (error: UnsafeMutablePointer<UnsafePointer<CChar>?>) -> UnsafeMutablePointer<Pair>? in
            let libraries = sonames.map { strdup($0) }
            let symbols = names.map { strdup($0) }
            defer { (libraries + symbols).forEach { free($0) } }
            let sonameList = libraries.map { UnsafePointer($0!) }
            let nameList = symbols.map { UnsafePointer($0!) }
            let table = communecast_dynamic_load(sonameList, sonameList.count, nameList, nameList.count, error)
            return table?.bindMemory(to: Pair.self, capacity: 1)
        }
    }

    @Test("a library's functions are found, in the order asked, and called through the table")
    func opensAndCalls() throws {
        let pair = try Self.open(["libm.so.6"], ["cos", "sqrt"]).get()
        typealias Math = @convention(c) (Double) -> Double
        #expect(unsafeBitCast(pair.first, to: Math.self)(0) == 1)
        #expect(unsafeBitCast(pair.second, to: Math.self)(16) == 4)
    }

    @Test("a missing library is refused with the loader's words, naming the file")
    func missingLibrary() {
        let opened = Self.open(["libm.so.6", "libcommunecast-missing.so.0"], ["cos", "sqrt"])
        guard case let .failure(unavailable) = opened else {
            Issue.record("a library that does not exist was opened")
            return
        }
        #expect(unavailable.reason.contains("libcommunecast-missing.so.0"), "\(unavailable.reason)")
    }

    @Test("a function no library exports is refused, naming the function; one later library may supply another")
    func missingFunction() throws {
        let opened = Self.open(["libm.so.6", "libc.so.6"], ["cos", "communecast_no_such_function"])
        guard case let .failure(unavailable) = opened else {
            Issue.record("a function that does not exist was found")
            return
        }
        #expect(unavailable.reason.contains("communecast_no_such_function"), "\(unavailable.reason)")
        // `strlen` is libc's, not libm's: the second library supplies it.
        let pair = try Self.open(["libm.so.6", "libc.so.6"], ["cos", "strlen"]).get()
        typealias Length = @convention(c) (UnsafePointer<CChar>) -> Int
        #expect(unsafeBitCast(pair.second, to: Length.self)("loa phường") == "loa phường".utf8.count)
    }
}
