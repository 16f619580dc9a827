import Testing
@testable import CommuneETL

struct PseudonymizerTests {
    /// RFC 4231 test cases 1 and 6 (a key longer than a block is hashed first).
    @Test(arguments: [
        ([UInt8](repeating: 0x0B, count: 20), "Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        ([UInt8](repeating: 0xAA, count: 131), "Test Using Larger Than Block-Size Key - Hash Key First",
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
    ])
    func computesHMACSHA256(key: [UInt8], message: String, expected: String) throws {
        let pseudonymizer = try Pseudonymizer(key: key)
        let mac = Array(message.utf8).withUnsafeBytes(pseudonymizer.mac)
        #expect(mac.lowercaseHex == expected)
        #expect(pseudonymizer.pseudonym(message) == String(expected.prefix(32)))
    }

    @Test func theSameCodeGivesTheSamePseudonymAndAnotherKeyAnother() throws {
        let first = try Pseudonymizer(key: Array("a key of sixteen bytes or more".utf8))
        let second = try Pseudonymizer(key: Array("another key, just as long".utf8))
        #expect(first.pseudonym("02848-2023-00001") == first.pseudonym("02848-2023-00001"))
        #expect(first.pseudonym("02848-2023-00001") != first.pseudonym("02848-2023-00002"))
        #expect(first.pseudonym("02848-2023-00001") != second.pseudonym("02848-2023-00001"))
    }

    @Test func aShortKeyIsRefused() {
        #expect(throws: ETLError.configuration(file: "pseudonym key", location: "", problem: "the key has 5 bytes; use at least 16 random bytes")) {
            try Pseudonymizer(key: Array("short".utf8))
        }
    }
}
