// libFuzzer target over one input's whole path through the engine: encoding detection and decoding, CSV
// reading, layout, header binding, cell reading (normalize) and the rules, exactly as a nightly
// run calls them (`FileProcessor.process`); and, for a quarter of the inputs, decoding + CSV reading in small
// chunks, which must give what one chunk gives (`FileProcessor` reads 1 MiB chunks, so the fuzzer's inputs
// never cross a chunk boundary there).
//
// Not part of the SwiftPM package (SwiftPM compiles Tests/CommuneETLTests only): Tests/Fuzz/build-and-run.sh
// builds it with `-sanitize=fuzzer,address` against the library built by SwiftPM, and runs it (`make fuzz`).
//
// A thrown Swift error is an expected outcome (return 0); a crash, a trap or a sanitizer report is a finding.
//
// Environment (set by build-and-run.sh; defaults for a hand run):
//   FUZZ_PIPELINES  the Pipelines/ folder (default: <repo>/Pipelines, from this file's path)
//   FUZZ_WORK       a scratch folder for the inbox and the parts (default: a new /tmp/commune-fuzz.XXXXXX)
@testable import CommuneETL  // InputDecoding is internal; SwiftPM's debug build has -enable-testing
import Glibc

/// Everything that is set up once: the catalog, the limits, a shared run context, the two inbox paths.
private struct Harness {
    let catalog: PipelineCatalog
    let limits: InputLimits
    let parts: String
    /// For the chunked mode, which reads only the catalog and the known words from it.
    let shared: RunContext
    /// `inbox/household-review/fuzz.csv`: read by the household pipeline, as its folder says.
    let assigned: InputFile
    /// `inbox/fuzz.csv`: at the inbox root, routed by the header its first lines carry.
    let routed: InputFile

    static func make() -> Harness {
        let environment = { (name: String) -> String? in getenv(name).map { String(cString: $0) } }
        let pipelines = environment("FUZZ_PIPELINES") ?? repositoryRoot() + "/Pipelines"
        let work: String
        if let given = environment("FUZZ_WORK") {
            work = given
        } else {
            var template = Array("/tmp/commune-fuzz.XXXXXX".utf8CString)
            guard let made = mkdtemp(&template) else { fail("mkdtemp failed") }
            work = String(cString: made)
        }
        let inbox = work + "/inbox", parts = work + "/parts"
        for folder in [work, inbox, inbox + "/household-review", parts] {
            if mkdir(folder, 0o755) != 0 && errno != EEXIST { fail("cannot create \(folder)") }
        }
        do {
            let catalog = try PipelineCatalog.load(from: pipelines)
            var limits = InputLimits()
            limits.maxFileBytes = 1 << 20   // inputs are at most -max_len (64 KiB); a bigger file is refused
            limits.maxFieldBytes = 8 << 10  // low enough for the fuzzer to reach FILE-LIMIT field_too_large
            limits.maxColumns = 200         // and too_many_columns
            let shared = try RunContext(catalog: catalog, partsFolder: parts, compressionLevel: 1, limits: limits)
            // The inputs come from the engine's own scanner: `InputFile` has no public initializer.
            for path in [inbox + "/fuzz.csv", inbox + "/household-review/fuzz.csv"] { write(path, [0x0A]) }
            let scanned = try InboxScanner.scan(inbox: inbox, pipelines: catalog.pipelines.map(\.name)).inputs
            guard let routed = scanned.first(where: { $0.pipeline == nil }),
                  let assigned = scanned.first(where: { $0.pipeline == "household-review" }) else {
                fail("the scanner did not find both inputs: \(scanned)")
            }
            return Harness(catalog: catalog, limits: limits, parts: parts, shared: shared, assigned: assigned, routed: routed)
        } catch {
            fail("setup failed: \(error)")
        }
    }

    /// <repo>, from this file's path (<repo>/Tests/Fuzz/FuzzInput.swift).
    private static func repositoryRoot() -> String {
        var path = "\(#filePath)"
        if !path.hasPrefix("/"), let cwd = getcwd(nil, 0) {  // compiled with a relative path
            path = String(cString: cwd) + "/" + path
            free(cwd)
        }
        var parts = path.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }
}

private func fail(_ message: String) -> Never {
    let line = Array("fuzz-input: \(message)\n".utf8)
    _ = line.withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    exit(2)
}

/// Replaces the file's content with `bytes` (the same path every time: one inode, no growth of the folder).
private func write(_ path: String, _ bytes: UnsafeRawBufferPointer) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { fail("cannot open \(path)") }
    defer { close(descriptor) }
    var done = 0
    while done < bytes.count {
        let count = Glibc.write(descriptor, bytes.baseAddress! + done, bytes.count - done)
        if count < 0 {
            if errno == EINTR { continue }
            fail("cannot write \(path)")
        }
        done += count
    }
}

private func write(_ path: String, _ bytes: [UInt8]) {
    bytes.withUnsafeBytes { write(path, $0) }
}

nonisolated(unsafe) private let harness = Harness.make()  // libFuzzer calls in from one thread

/// Sets up before the first input, so that the catalog's load is neither timed nor leak-checked as an input's.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> Int32 {
    _ = harness
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    // The first byte's two low bits choose the mode:
    //   odd (a BOM's EF, "S" of STT, "1"…)  the file in inbox/household-review/, read by that pipeline;
    //   0                                   the file at the inbox root, first routed by its header;
    //   2                                   decode + CSV read in small chunks, against one whole chunk;
//                                       and the raw bytes read by CSVRecordReader against libcsv.
    let mode = size > 0 ? data[0] & 3 : 1
    if mode == 2 {
        chunked(UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }
    let input = mode == 0 ? harness.routed : harness.assigned
    write(input.absolutePath, UnsafeRawBufferPointer(start: data, count: size))
    do {
        // A run context per input, as a run of one file: the rules keep state across the files of a run
        // (uniqueness), which would make an input's outcome depend on the inputs before it.
        let context = try RunContext(catalog: harness.catalog, partsFolder: harness.parts, compressionLevel: 1, limits: harness.limits)
        _ = try FileProcessor(context: context).process(input, index: 0)
    } catch {
        // An output that cannot be written, or a rule that cannot be built: not a finding of the input's.
    }
    return 0
}

/// What decoding and reading a file gave: its records, and where it stopped.
private struct Reading: Equatable {
    var text: [UInt8] = []
    var records: [[[UInt8]]] = []
    var lines: [Int] = []
    var stop = ""
}

/// The chunked mode. `FileProcessor` reads 1 MiB chunks, more than an input of the fuzzer (-max_len), so its
/// chunk boundaries are never met there: here the same decoder and reader take the input in chunks of 1 to
/// 64 bytes (the second byte says), and must give the same text and records as from one chunk. A difference
/// is a finding (a trap with both readings); so is a crash.
private func chunked(_ bytes: UnsafeRawBufferPointer) {
    let step = bytes.count > 1 ? 1 + Int(bytes[1] % 64) : 1
    agreeWithLibCSV(bytes, step: step)
    let whole = read(bytes, step: bytes.count)
    let pieces = read(bytes, step: step)
    // A decoder refuses the whole chunk before the reader sees any of it, but the chunks before the bad
    // bytes in pieces: then only the verdict is compared.
    if whole.stop.hasPrefix("decode:") || pieces.stop.hasPrefix("decode:") {
        guard whole.stop == pieces.stop else {
            fatalError("chunked decoding (\(step)-byte chunks) stopped with '\(pieces.stop)', whole with '\(whole.stop)'")
        }
        return
    }
    // The reader stops at the chunk that holds a CSV error, so the text fed stops there too: after a CSV
    // error only the records before it and the error are compared.
    var wholeText = whole, piecesText = pieces
    if !whole.stop.isEmpty || !pieces.stop.isEmpty { (wholeText.text, piecesText.text) = ([], []) }
    guard wholeText == piecesText else {
        let at = zip(whole.text, pieces.text).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset ?? min(whole.text.count, pieces.text.count)
        fatalError("""
            chunked reading (\(step)-byte chunks) differs from whole: text \(pieces.text.count) vs \(whole.text.count) bytes, \
            first difference at \(at); records \(pieces.records.count) vs \(whole.records.count); \
            stop '\(pieces.stop)' vs '\(whole.stop)'
            """)
    }
}

/// `CSVRecordReader` reads the raw bytes as libcsv does (`LibCSVReference`, compiled in by build-and-run.sh):
/// the same records, lines, error and limit, in chunks of `step` bytes; the third byte picks the delimiter
/// and, one time in four, small limits.
private func agreeWithLibCSV(_ bytes: UnsafeRawBufferPointer, step: Int) {
    let input = Array(bytes)
    let delimiter: UInt8 = [0x2C, 0x3B, 0x09][input.count > 2 ? Int(input[2] % 3) : 0]
    let limited = input.count > 3 && input[3] & 3 == 0
    let maxFieldBytes = limited ? 1 + Int(input[3] >> 2) : .max, maxColumns = limited ? 1 + Int(input[3] >> 4) : .max
    let splits = Array(stride(from: step, to: input.count, by: step))
    let expected = LibCSVReference.read(input, delimiter: delimiter, maxFieldBytes: maxFieldBytes, maxColumns: maxColumns, splits: splits)
    let read = LibCSVReference.readWithReader(input, delimiter: delimiter, maxFieldBytes: maxFieldBytes, maxColumns: maxColumns, splits: splits)
    guard read == expected else {
        fatalError("CSVRecordReader disagrees with libcsv (delimiter \(delimiter), \(step)-byte chunks):\nlibcsv:\n\(expected)\nreader:\n\(read)")
    }
}

private func read(_ bytes: UnsafeRawBufferPointer, step: Int) -> Reading {
    var reading = Reading()
    guard bytes.count > 0 else { return reading }
    let context = harness.shared
    let decoding: InputDecoding
    do {
        decoding = try InputDecoding.detect(firstChunk: bytes.assumingMemoryBound(to: UInt8.self), isWholeFile: true, context: context)
    } catch {
        reading.stop = "detect:\(error.detail)"
        return reading
    }
    let sample = decoding.sample(of: bytes, isWholeFile: true)
    let delimiter = sample.withUnsafeBufferPointer(DelimiterSniffer.delimiter(in:))
    let reader = CSVRecordReader(delimiter: delimiter, maxFieldBytes: context.limits.maxFieldBytes, maxColumns: context.limits.maxColumns)
    let deliver: (CSVRecord) -> Void = { record in
        reading.records.append((0..<record.fieldCount).map { Array(record.field($0)) })
        reading.lines.append(record.line)
    }
    let consume: (UnsafeRawBufferPointer) throws -> Void = { text in
        reading.text += text
        try reader.parse(text, onRecord: deliver)
    }
    do {
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + step)
            try decoding.decode(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), consume)
            start = end
        }
        try decoding.finish(consume)
        try reader.finish(onRecord: deliver)
    } catch let refusal as InputDecoding.Refusal {
        reading.stop = "decode:\(refusal.detail)"
    } catch let error as CSVSyntaxError {
        reading.stop = "csv:\(error.detail)@\(error.line)"
    } catch {
        reading.stop = "other:\(error)"
    }
    return reading
}
