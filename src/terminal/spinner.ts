import yoctoSpinner from 'yocto-spinner';

/**
 * Runs `work` with a spinner on a terminal, so a model's thinking time shows something moving.
 * It appears only after `delayMs` (the offline interviewer answers in milliseconds and should
 * not flicker) and never on a pipe, where it would only add noise to the output.
 */
export async function withSpinner<T>(stream: NodeJS.WriteStream, text: string, work: () => Promise<T>, delayMs = 250): Promise<T> {
  if (!stream.isTTY) return work();
  // On Ctrl+C while it spins, the library restores the cursor it hid before the process exits.
  const spinner = yoctoSpinner({ text, stream });
  const timer = setTimeout(() => spinner.start(), delayMs);
  try {
    return await work();
  } finally {
    clearTimeout(timer);
    if (spinner.isSpinning) spinner.stop();
    // stop() leaves the line clear, so what follows prints where the spinner was.
  }
}
