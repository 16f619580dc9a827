import Foundation

/// Writes to standard error (the C global `stderr` is not usable in Swift 6 mode).
enum Stderr {
    static func line(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func overwrite(_ text: String) {
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
    }

    static var isTerminal: Bool { isatty(2) == 1 }
}
