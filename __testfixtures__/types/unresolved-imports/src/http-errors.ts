import got, { HTTPError } from 'got';
import ky, { HTTPError as KyHTTPError } from 'ky';
import { errors } from 'undici';
import type { NextApiRequest, NextApiResponse } from 'next';
import * as Hapi from '@hapi/hapi';

export async function fetchProfile(id: string) {
  try {
    return await got(`https://profiles.internal/${id}`).json();
  } catch (err) {
    const failure = err as HTTPError; // type: error http failure
    throw failure;
  }
}

export function kyStatus(kyErr: KyHTTPError) { // type: error http kyErr
  return kyErr.response.status ?? ky.name;
}

export function undiciStatus(u: errors.ResponseStatusCodeError) { // type: error http u
  return u.statusCode;
}

export default async function handler(req: NextApiRequest, out: NextApiResponse) { // type: response next out
  out.status(200).json({ method: req.method });
}

export const route = {
  method: 'GET',
  path: '/ping',
  handler: (_request: Hapi.Request, h: Hapi.ResponseToolkit) => h.response('pong'), // type: response hapi h
};
