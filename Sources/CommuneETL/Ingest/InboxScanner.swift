import Foundation

/// An input waiting in the inbox.
public struct InputFile: Sendable, Equatable, Codable {
    /// Path inside the inbox, with `/` separators: what staff and the anomaly lists call the file.
    public var relativePath: String
    public var absolutePath: String
    /// The pipeline its folder names, or nil for a file at the inbox root (routed by its header).
    public var pipeline: String?
}

/// Finds the inputs: every `*.csv` and `*.txt` under `inbox/<pipeline>/` at any depth, and those lying
/// directly in `inbox/`. Hidden files (an editor's lock file, an upload in progress) and symbolic links are
/// passed over with a reason, and folders that name no pipeline are left alone.
///
/// Two names at the root are staff's, not data, and never routed: `acceptances.csv` (warnings staff
/// accepted, read by `AcceptanceList`) and the folder `corrections/`.
///
/// Files are returned sorted by path, so every run reads them in the same order and writes the same bytes.
public enum InboxScanner {
    public static func scan(inbox: String, pipelines: [String]) throws -> (inputs: [InputFile], skipped: [String]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: inbox, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ETLError.inboxUnreadable(path: inbox, reason: "no such folder")
        }
        var inputs: [InputFile] = []
        var skipped: [String] = []
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: inbox)
        } catch {
            throw ETLError.inboxUnreadable(path: inbox, reason: "cannot list it")
        }
        for entry in entries where !reservedNames.contains(entry.lowercased()) {
            let path = inbox + "/" + entry
            if entry.hasPrefix(".") {
                if isInputName(entry) { skipped.append(entry + ": " + hiddenReason) }
                continue
            }
            switch kind(of: path) {
            case .file where isInputName(entry): inputs.append(InputFile(relativePath: entry, absolutePath: path, pipeline: nil))
            case .directory where pipelines.contains(entry): walk(path, relative: entry, pipeline: entry, into: &inputs, skipped: &skipped)
            case .symlink: skipped.append(entry + ": a symbolic link, not followed")
            default: break
            }
        }
        inputs.sort { Array($0.relativePath.utf8).lexicographicallyPrecedes(Array($1.relativePath.utf8)) }
        return (inputs, skipped.sorted())
    }

    private static func walk(_ folder: String, relative: String, pipeline: String, into inputs: inout [InputFile], skipped: inout [String]) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            skipped.append(relative + ": folder cannot be listed")
            return
        }
        for entry in entries {
            let path = folder + "/" + entry, relativePath = relative + "/" + entry
            if entry.hasPrefix(".") {
                if isInputName(entry) { skipped.append(relativePath + ": " + hiddenReason) }
                continue
            }
            switch kind(of: path) {
            case .file where isInputName(entry): inputs.append(InputFile(relativePath: relativePath, absolutePath: path, pipeline: pipeline))
            case .directory: walk(path, relative: relativePath, pipeline: pipeline, into: &inputs, skipped: &skipped)
            case .symlink: skipped.append(relativePath + ": a symbolic link, not followed")
            default: break
            }
        }
    }

    /// Entries of the inbox root that are not inputs.
    static let reservedNames: Set<String> = [AcceptanceList.fileName, "corrections"]

    private static let hiddenReason = "a hidden file (an editor's lock file or an upload in progress), not read"

    private enum Kind { case file, directory, symlink, other }

    private static func kind(of path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    private static func isInputName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".csv") || lower.hasSuffix(".txt")
    }
}
