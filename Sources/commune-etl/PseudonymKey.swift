import CommuneETL
import Foundation

/// Where the key of the public profile comes from: a file (first line, trimmed) or the environment —
/// never the repository.
enum PseudonymKey {
    static let environment = "COMMUNE_ETL_PSEUDONYM_KEY"

    static func load(file: String?) throws -> [UInt8]? {
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ETLError.configuration(file: file, location: "", problem: "the pseudonym key file cannot be read")
            }
            let key = String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
            return Array(key.trimmingCharacters(in: .whitespaces).utf8)
        }
        return ProcessInfo.processInfo.environment[environment].map { Array($0.utf8) }
    }
}
