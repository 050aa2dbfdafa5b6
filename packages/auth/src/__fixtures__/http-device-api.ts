import { demoDecide } from '@dlthub/control-plane';
import {
  apiPaths,
  DeviceTokenErrorSchema,
  DeviceTokenSuccessSchema,
  DeviceCodeResponseSchema,
} from '@dlthub/api-schema';
import type { DeviceFlowApi } from '../types';

/**
 * A minimal real-HTTP DeviceFlowApi for auth's own tests (auth may not depend on
 * @dlthub/workspace-client, which depends on auth); the client's tests run the flow with the real client.
 */
export function httpDeviceApi(
  baseUrl: string,
  counters = { polls: 0 },
): DeviceFlowApi & { counters: { polls: number } } {
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: await response.json() };
  };
  return {
    baseUrl,
    counters,
    async requestDeviceCode() {
      return DeviceCodeResponseSchema.parse((await post(apiPaths.deviceCode(), { client_id: 'dlthub-cli' })).json);
    },
    async pollDeviceToken(deviceCode) {
      counters.polls += 1;
      const { json } = await post(apiPaths.deviceToken(), { device_code: deviceCode });
      const error = DeviceTokenErrorSchema.safeParse(json);
      return error.success
        ? { kind: 'error', error: error.data }
        : { kind: 'token', token: DeviceTokenSuccessSchema.parse(json) };
    },
  };
}

/** Signs in on the approval page and approves or denies, as a person in a browser would. */
export async function decideInBrowser(
  baseUrl: string,
  username: string,
  userCode: string,
  action: 'approve' | 'deny',
): Promise<string> {
  return (await demoDecide(baseUrl, username, userCode, action)).html;
}

/** Collects what a flow writes to stderr. */
export function captureStderr() {
  const chunks: string[] = [];
  return { stream: { write: (text: string) => chunks.push(text) }, text: () => chunks.join('') };
}
