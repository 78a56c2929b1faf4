// A picture (the concept map) goes to Slack as a file shared in the channel, through the
// upload flow Slack asks for: files.getUploadURLExternal (name, size, alt text), the bytes
// POSTed to the URL it returns, then files.completeUploadExternal to share it. Written here
// rather than with the WebClient's filesUploadV2, which sends the alt text as `alt_text`
// where the method takes `alt_txt`, so screen readers would get nothing.
import type { webApi } from '@slack/bolt';
import type { SlackMessage } from './render.js';

type WebClient = webApi.WebClient;
export type SlackImage = NonNullable<SlackMessage['image']>;

/** Slack's longest alt text for an uploaded image. */
export const ALT_TXT_MAX = 1000;

/** Uploads `image` and shares it in `channelId`. Throws the Web API's error (not_in_channel,
 *  missing_scope, …) or one for a refused upload. */
export async function shareImage(client: WebClient, fetchFn: typeof fetch, channelId: string, image: SlackImage): Promise<string> {
  const got = (await client.apiCall('files.getUploadURLExternal', {
    filename: image.fileName,
    length: image.png.byteLength,
    alt_txt: image.alt.slice(0, ALT_TXT_MAX),
  })) as { upload_url?: unknown; file_id?: unknown };
  if (typeof got.upload_url !== 'string' || typeof got.file_id !== 'string')
    throw new Error('files.getUploadURLExternal gave no upload URL');
  const res = await fetchFn(got.upload_url, {
    method: 'POST',
    headers: { 'content-type': 'image/png' },
    body: new Blob([image.png as Uint8Array<ArrayBuffer>]),
    redirect: 'error',
  });
  if (!res.ok) throw new Error(`the file upload was refused (HTTP ${res.status})`);
  await client.files.completeUploadExternal({
    files: [{ id: got.file_id, title: image.title }],
    channel_id: channelId,
    initial_comment: image.comment,
  });
  return got.file_id;
}
