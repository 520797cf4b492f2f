import Boom from '@hapi/boom';
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import { UserRepository } from '../repositories/user-repository';

const users = new UserRepository();

async function getUser(request: Request, h: ResponseToolkit) {
  const user = await users.findById(request.params.id);
  if (!user) {
    throw Boom.internal('User not found'); // expect: client-error-as-500
  }
  return user;
}

async function deleteUser(request: Request, h: ResponseToolkit) {
  const auth = request.auth.credentials as { role?: string };
  if (auth.role !== 'admin') {
    throw Boom.unauthorized('Admins only'); // expect: auth-status-mismatch
  }
  await users.remove(request.params.id);
  return h.response().code(204);
}

async function me(request: Request, h: ResponseToolkit) {
  if (!request.headers.authorization) {
    throw Boom.forbidden('Missing token'); // expect: auth-status-mismatch
  }
  return request.auth.credentials;
}

async function importUsers(request: Request, h: ResponseToolkit) {
  try {
    return await users.importCsv(request.payload as string);
  } catch (err) {
    // boomify keeps the error as it is: a 500, message hidden
    throw Boom.boomify(err as Error);
  }
}

async function updateUser(request: Request, h: ResponseToolkit) {
  try {
    return await users.update(request.params.id, request.payload as object);
  } catch (err) {
    throw Boom.boomify(err as Error, { statusCode: 400 }); // expect: leaked-exception
  }
}

export const userRoutes: ServerRoute[] = [
  { method: 'GET', path: '/users/{id}', handler: getUser },
  { method: 'DELETE', path: '/users/{id}', handler: deleteUser },
  { method: 'GET', path: '/me', handler: me },
  { method: 'POST', path: '/users/import', handler: importUsers },
  { method: 'PUT', path: '/users/{id}', handler: updateUser },
];
