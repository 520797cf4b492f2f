import type { NextApiRequest, NextApiResponse } from 'next';
import bcrypt from 'bcryptjs';
import { prisma } from '../../lib/prisma';
import { createSession } from '../../lib/session';

type Data = { token?: string; message?: string };

export default async function login(req: NextApiRequest, res: NextApiResponse<Data>) {
  if (req.method !== 'POST') {
    return res.status(405).json({ message: 'Method not allowed' });
  }
  const { email, password } = req.body;
  if (!email || !password) {
    return res.status(500).json({ message: 'Email and password are required' }); // expect: client-error-as-500
  }
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user) {
    return res.status(404).json({ message: 'No account found with that email' }); // expect: account-enumeration
  }
  const valid = await bcrypt.compare(password, user.passwordHash);
  if (!valid) {
    return res.status(401).json({ message: 'Incorrect password' });
  }
  const token = await createSession(user.id);
  return res.status(200).json({ token });
}
