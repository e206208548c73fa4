/**
 * A local conference: the agent's desktop mixes the calls itself (no conference bridge on the edge).
 * Each member call sends the agent's microphone plus every other member's remote audio, mixed in Web
 * Audio; the agent hears every member already (each call plays on its own audio element). Ending the mix
 * puts each call's own microphone track back on its sender.
 */
import { mediaRegistry, type CallMedia } from './mediaRegistry';

type Mix = { context: AudioContext; callIds: string[] };
let mix: Mix | null = null;

export function conferenceMembers(): string[] {
  return mix?.callIds ?? [];
}

/** Ends the mix, if any: each member sends its own microphone again. */
export function stopConference(): void {
  if (mix === null) return;
  const ended = mix;
  mix = null;
  for (const callId of ended.callIds) {
    const media = mediaRegistry.get(callId);
    const track = media?.microphone?.getAudioTracks()[0];
    if (media?.sender && track) void media.sender.replaceTrack(track);
  }
  void ended.context.close();
}

/**
 * Mixes these calls (fewer than two live ones: no mix). `null` rebuilds the current mix, after a
 * microphone change or a member's remote stream arriving.
 */
export async function updateConference(callIds: string[] | null): Promise<void> {
  const wanted = callIds ?? conferenceMembers();
  stopConference();
  const members = wanted.map((id) => mediaRegistry.get(id)).filter((m): m is CallMedia => m !== undefined && m.sender !== null);
  if (members.length < 2) return;
  const context = new AudioContext();
  mix = { context, callIds: members.map((m) => m.callId) };
  const remotes = new Map(members.map((m) => [m.callId, m.remote ? context.createMediaStreamSource(m.remote) : null]));
  for (const member of members) {
    const destination = context.createMediaStreamDestination();
    if (member.microphone) context.createMediaStreamSource(member.microphone).connect(destination);
    for (const [otherId, source] of remotes) if (otherId !== member.callId) source?.connect(destination);
    await member.sender?.replaceTrack(destination.stream.getAudioTracks()[0]);
  }
}

/** A member's call ended: the others go on mixing (or stop, if one is left). */
export async function leaveConference(callId: string): Promise<void> {
  if (!conferenceMembers().includes(callId)) return;
  await updateConference(conferenceMembers().filter((id) => id !== callId));
}
