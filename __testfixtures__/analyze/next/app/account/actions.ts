'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import bcrypt from 'bcryptjs';
import { db } from '@/lib/db';
import { createSession } from '@/lib/session';

export async function updateProfile(formData: FormData) {
  const name = formData.get('name');
  if (!name) {
    // returned errors are how server actions talk to forms: not a status problem
    return { error: 'Name is required' };
  }
  try {
    await db.user.update({ where: { id: formData.get('id') as string }, data: { name: String(name) } });
  } catch (e) {
    return { error: (e as Error).message }; // expect: leaked-exception
  }
  revalidatePath('/account');
  return { ok: true };
}

export async function signIn(prevState: unknown, formData: FormData) {
  const email = String(formData.get('email'));
  const user = await db.user.findUnique({ where: { email } });
  if (!user) {
    return { error: 'No user with that email' }; // expect: account-enumeration
  }
  const ok = await bcrypt.compare(String(formData.get('password')), user.passwordHash);
  if (!ok) {
    return { error: 'Wrong password' };
  }
  await createSession(user.id);
  redirect('/account');
}

export async function deleteAccount(id: string) {
  try {
    await db.user.delete({ where: { id } });
  } catch (error) {
    console.error(error);
    return { error: 'Could not delete your account' };
  }
  redirect('/goodbye');
}
