import Foundation
import Testing
@testable import CommuneETL

/// Paths of this repository, found from this file (three folders below the repository root).
enum RepositoryPaths {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Pipeline
        .deletingLastPathComponent()  // CommuneETLTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .path

    /// The repository's `Pipelines/` folder.
    static let pipelines = root + "/Pipelines"

    /// The catalog of the repository's `Pipelines/`.
    static func catalog() throws -> PipelineCatalog { try PipelineCatalog.load(from: pipelines) }

    /// The household-review pipeline, compiled from the repository's YAML.
    static func householdReview() throws -> CompiledPipeline {
        try #require(try catalog().pipeline(named: "household-review"))
    }
}

/// A temporary folder, removed when the value goes away.
final class ScratchFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("commune-etl-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `bytes` at `relative`, creating the folders on the way; returns the absolute path.
    @discardableResult
    func write(_ relative: String, _ bytes: [UInt8]) throws -> String {
        let url = URL(fileURLWithPath: path + "/" + relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }

    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String { try write(relative, Array(text.utf8)) }

    @discardableResult
    func makeFolder(_ relative: String) throws -> String {
        try FileManager.default.createDirectory(atPath: path + "/" + relative, withIntermediateDirectories: true)
        return path + "/" + relative
    }

    func text(_ relative: String) throws -> String {
        try String(contentsOfFile: path + "/" + relative, encoding: .utf8)
    }

    /// Copies the repository's `Pipelines/` here as `Pipelines`; returns its path.
    func copyOfPipelines() throws -> String {
        let copy = path + "/Pipelines"
        try FileManager.default.copyItem(atPath: RepositoryPaths.pipelines, toPath: copy)
        return copy
    }
}

/// One mistake put into a copy of `Pipelines/`, and where and how the loader must refuse it.
struct PipelinesEdit: Sendable, CustomStringConvertible {
    var file: String
    var find: String
    var replace: String
    var location: String
    var problem: String
    var description: String { "\(file): \(location)" }

    /// Applies the edit to a fresh copy of `Pipelines/` in `scratch`; returns the copy and the edited file.
    func applied(in scratch: ScratchFolder) throws -> (folder: String, file: String) {
        let folder = try scratch.copyOfPipelines()
        let path = folder + "/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try #require(text.contains(find), "the edit finds its text in \(file)")
        try text.replacingOccurrences(of: find, with: replace).write(toFile: path, atomically: true, encoding: .utf8)
        return (folder, path)
    }
}
