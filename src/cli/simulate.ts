/** `intake311 simulate sms|voice|tweet`: a resident's side of a conversation. (Built by the simulator issue.) */
export async function simulateCommand(_args: string[], out: (line: string) => void): Promise<number> {
  out('simulate: not available yet');
  return 2;
}
