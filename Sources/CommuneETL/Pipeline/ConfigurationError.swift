/// Why the job could not start or finish: operational failures, never problems in the data.
///
/// Problems in the data are `Anomaly` values; these are thrown, and the command line maps each to an exit code.
public enum ETLError: Error, Equatable, CustomStringConvertible {
    /// A file of `Pipelines/` is malformed: the file, where in it, and what is wrong.
    case configuration(file: String, location: String, problem: String)
    /// The inbox folder does not exist or cannot be listed.
    case inboxUnreadable(path: String, reason: String)
    /// The inbox holds no input file at all.
    case noInput(path: String)
    /// An output could not be written.
    case output(String)
    /// Another run holds the lock on the output folder.
    case locked(path: String, holder: String)

    public var description: String {
        switch self {
        case let .configuration(file, location, problem):
            location.isEmpty ? "\(file): \(problem)" : "\(file): \(location): \(problem)"
        case let .inboxUnreadable(path, reason): "cannot read the inbox \(path): \(reason)"
        case let .noInput(path): "no input: the inbox \(path) holds no .csv or .txt file"
        case let .output(message): message
        case let .locked(path, holder): "another run (pid \(holder)) holds \(path); this run did nothing"
        }
    }
}
