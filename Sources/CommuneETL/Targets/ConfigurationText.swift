import Foundation

/// Reads a configuration file of `Pipelines/` as text and adds it to the run's fingerprint.
///
/// The same bytes as `PipelineCatalog`'s own reading go into `hashed` — the file name, a zero byte and the
/// SHA-256 hex of the content — so a catalogue loaded beside the pipelines changes the fingerprint exactly
/// when one of its files changes.
enum ConfigurationText {
    static func read(_ path: String, hashInto hashed: inout [UInt8]) throws -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ETLError.configuration(file: path, location: "", problem: "cannot be read as UTF-8 text")
        }
        hashed += Array(path.split(separator: "/").last!.utf8) + [0] + Array(SHA256.hexDigest(Array(data)).utf8)
        return text
    }
}
