keep; */
