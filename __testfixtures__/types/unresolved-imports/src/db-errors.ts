import { QueryFailedError } from 'typeorm';
import { Prisma } from '@prisma/client';
import { DatabaseError } from 'pg';
import * as Sequelize from 'sequelize';
import type { QueryError } from 'mysql2';
import { MongoServerError } from 'mongodb';
import { QueryFailedError as LocalQueryFailed } from './errors';

export function describeTypeorm(e: QueryFailedError) { // type: error sql e
  return e.message;
}

export function describePrisma(known: Prisma.PrismaClientKnownRequestError) { // type: error sql known
  return known.code;
}

export function describePg(dbErr: DatabaseError | undefined) { // type: error sql dbErr
  return dbErr?.detail;
}

export function describeSequelize(unique: Sequelize.UniqueConstraintError, broad: Sequelize.Error) { // type: error sql unique
  return `${unique.message} ${broad.message}`;
}

export function describeMysql(q: QueryError) { // type: error sql q
  return q.sqlMessage;
}

export function describeMongo(m: MongoServerError) { // type: error sql m
  return m.errmsg;
}

export function describeLocal(local: LocalQueryFailed) { // type: error null local
  return local.query;
}

export function rethrow(raw: unknown) {
  const failed = raw as QueryFailedError; // type: error sql failed
  throw failed;
}
