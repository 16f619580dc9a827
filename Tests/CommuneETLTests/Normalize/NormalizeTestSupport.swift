import Foundation

/// Helpers shared by the Normalize tests: byte buffers from literals, and the reference files of the repo.
enum NormalizeTestSupport {
    /// Calls `body` with the UTF-8 bytes of `text`, as the CSV reader would hand them over.
    static func withBytes<Result>(
        _ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) rethrows -> Result {
        try Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// `Pipelines/reference/<name>` of this repository (this file is three folders below the root).
    static func referenceFile(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Normalize
            .deletingLastPathComponent()  // CommuneETLTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // repository root
            .appendingPathComponent("Pipelines/reference/\(name)")
    }

    /// The data rows of a reference CSV file, split on commas (these files hold no quotes).
    static func referenceRows(_ name: String) throws -> [[String]] {
        let text = try String(contentsOf: referenceFile(name), encoding: .utf8)
        let lines = text.split(separator: "\n").dropFirst()  // header
        return lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }
}
