/**
 * Whether what someone typed asks for help rather than asking a question: nothing at all, `help`, or `?`.
 * Every front end calls this, so `/backend ?` means the same on Slack, Discord, the web and the CLI.
 */
export function isHelpRequest(question: string): boolean {
  return /^\s*(help|\?)?\s*$/i.test(question);
}
