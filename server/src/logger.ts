import pino, { type Logger } from "pino";

/**
 * Structured JSON logs. Secrets never reach them: tokens, passwords and keys are redacted by path
 * wherever they might appear.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "waybill" },
    redact: {
      paths: [
        "*.password",
        "*.token",
        "*.secret",
        "*.deviceSecret",
        "*.key",
        "*.authorization",
        "req.headers.authorization",
      ],
      censor: "[redacted]",
    },
  });
}
