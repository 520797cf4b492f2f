// Route module, registered by a plugin: it imports no framework.
const bcrypt = require('bcrypt');
const { Users, Sessions } = require('../../db');

module.exports = [
  {
    method: 'POST',
    path: '/login',
    options: { auth: false },
    handler: async (request, h) => {
      const { email, password } = request.payload;
      const user = await Users.byEmail(email);
      if (!user) {
        return h.response({ message: 'Email not registered' }).code(404); // expect: account-enumeration
      }
      if (!(await bcrypt.compare(password, user.passwordHash))) {
        return h.response({ message: 'Invalid password' }).code(401);
      }
      const session = await Sessions.create(user.id);
      return h.response({ token: session.token }).code(201);
    },
  },
  {
    method: 'POST',
    path: '/logout',
    handler: async (request, h) => {
      try {
        await Sessions.revoke(request.auth.credentials.sessionId);
        return h.response().code(204);
      } catch (err) {
        request.log(['error'], err);
        return h.response('Internal Server Error').code(500); // expect: bare-500
      }
    },
  },
  {
    method: 'GET',
    path: '/sessions',
    handler: async (request, h) => {
      const sessions = await Sessions.forUser(request.auth.credentials.userId);
      return sessions.map((s) => ({ id: s.id, createdAt: s.createdAt }));
    },
  },
];
