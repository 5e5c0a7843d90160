/** Where structured logs go; stdout in production, a buffer in the tests that read them. */
export abstract class LogSink {
  abstract readonly stream: NodeJS.WritableStream;
}

export class StdoutLogSink extends LogSink {
  readonly stream = process.stdout;
}
