/**
 * An error that says what went wrong by a stable code and the values it names, so that the
 * command line can say it in another language (issue 12); its message is the English.
 */
export class CodedError extends Error {
  readonly code: string;
  /** What the message names, for the command line to say it in another language. */
  readonly params: Readonly<Record<string, string>>;
  constructor(code: string, message: string, params: Readonly<Record<string, string>> = {}) {
    super(message);
    this.code = code;
    this.params = params;
  }
}
